using Wisp.Xrpc.Authentication;

var builder = WebApplication.CreateSlimBuilder(args);

builder.Services.AddWispXrpc();

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
