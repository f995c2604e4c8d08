using Wisp.Xrpc.Authentication;
using Wisp.Xrpc.ServiceAuth;

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
else
{
    // Everywhere else: atproto inter-service JWTs, verified against the caller's DID document.
    // Set Wisp:ServiceDid to this service's DID (e.g. did:web:hooks.example.com).
    var serviceDid = builder.Configuration["Wisp:ServiceDid"]
        ?? throw new InvalidOperationException("Set Wisp:ServiceDid (e.g. Wisp__ServiceDid=did:web:hooks.example.com) to this service's DID.");
    builder.Services.AddAuthentication(AtprotoServiceAuthHandler.SchemeName)
        .AddAtprotoServiceAuth(o => o.ServiceDid = serviceDid);
}

var app = builder.Build();

app.MapGet("/", () => "Wisp.Xrpc example: POST /xrpc/place.wisp.v2.secret.create");
app.MapWispXrpc();

app.Run();
