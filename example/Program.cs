using Wisp.Xrpc.Authentication;

var builder = WebApplication.CreateSlimBuilder(args);

// Secrets are kept in SQLite under App_Data/ by default. "Wisp:SecretStore" picks another store:
// "postgres" (with ConnectionStrings:WispSecrets, for several instances) or "memory" (lost on restart).
var xrpc = builder.Services.AddWispXrpc();
switch (builder.Configuration["Wisp:SecretStore"])
{
    case null or "" or "sqlite":
        break;
    case "postgres":
        xrpc.UsePostgresSecretStore(builder.Configuration.GetConnectionString("WispSecrets")
            ?? throw new InvalidOperationException("Wisp:SecretStore is 'postgres' but ConnectionStrings:WispSecrets is not set."));
        break;
    case "memory":
        xrpc.UseInMemorySecretStore();
        break;
    case var other:
        throw new InvalidOperationException($"Unknown Wisp:SecretStore '{other}': use sqlite, postgres or memory.");
}

if (builder.Environment.IsDevelopment())
{
    // DEVELOPMENT ONLY: "Authorization: DevDid did:plc:..." authenticates as that DID, with no proof, so curl can
    // call the secret methods. AddWispDevelopmentDid throws in any other environment.
    builder.Services.AddAuthentication(DevelopmentDidAuthenticationHandler.SchemeName)
        .AddWispDevelopmentDid(builder.Environment);
}

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.Logger.LogWarning(
        "No authentication scheme is configured outside Development: methods that need a caller DID answer 401. Register a real scheme (e.g. atproto service auth).");
}

app.MapGet("/", () => "Wisp.Xrpc example: POST /xrpc/place.wisp.v2.secret.create");
app.MapWispXrpc();

app.Run();
