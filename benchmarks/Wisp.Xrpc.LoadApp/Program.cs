using System.Security.Claims;
using System.Text.Json.Serialization;
using Wisp.Xrpc;
using Wisp.Xrpc.Authentication;
using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Validation;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddWispXrpc(o => o.ValidateOutput = false).UseInMemorySecretStore();
builder.Services.AddAuthentication(DevelopmentDidAuthenticationHandler.SchemeName).AddWispDevelopmentDid(builder.Environment);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MinimalJson.Default));

var app = builder.Build();

// (1) The generated endpoints.
app.MapWispXrpc();

// (2) The same work, hand-written with minimal APIs: caller from the same claim, record-key and store rules,
// the same service, JSON by System.Text.Json's source generator.
app.MapPost("/minimal/secret.create", async (CreateRequest request, ClaimsPrincipal user, WebhookSecretService secrets, CancellationToken cancellationToken) =>
{
    var did = user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    if (did is null)
    {
        return Results.Json(new ErrorBody("AuthenticationRequired", "Authentication Required"), MinimalJson.Default.ErrorBody, statusCode: 401);
    }

    if (request.Name is null || !LexiconFormats.IsRecordKey(request.Name))
    {
        return Results.Json(new ErrorBody("InvalidRequest", "Input/name must be a valid Record Key"), MinimalJson.Default.ErrorBody, statusCode: 400);
    }

    try
    {
        var secret = await secrets.CreateAsync(did, request.Name, cancellationToken);
        return Results.Json(new CreateResponse(secret.Name, secret.Token, LexiconDatetime.Format(secret.CreatedAt)), MinimalJson.Default.CreateResponse);
    }
    catch (XrpcException e)
    {
        return Results.Json(new ErrorBody(e.Error, e.ErrorMessage), MinimalJson.Default.ErrorBody, statusCode: e.StatusCode);
    }
});

app.MapGet("/minimal/secret.list", async (ClaimsPrincipal user, WebhookSecretService secrets, CancellationToken cancellationToken) =>
{
    var did = user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    if (did is null)
    {
        return Results.Json(new ErrorBody("AuthenticationRequired", "Authentication Required"), MinimalJson.Default.ErrorBody, statusCode: 401);
    }

    var owned = await secrets.ListAsync(did, cancellationToken);
    var metas = owned.Select(s => new SecretMeta(s.Name, LexiconDatetime.Format(s.CreatedAt), s.LastRotatedAt is { } r ? LexiconDatetime.Format(r) : null)).ToList();
    return Results.Json(new ListResponse(metas), MinimalJson.Default.ListResponse);
});

// (3) The floor: a RequestDelegate writing fixed bytes.
var fixedBody = """{"name":"n","token":"wsk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","createdAt":"2026-01-01T00:00:00.000Z"}"""u8.ToArray();
app.Map("/raw", context =>
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = fixedBody.Length;
    return context.Response.Body.WriteAsync(fixedBody).AsTask();
});

app.Run();

internal sealed record CreateRequest(string? Name);

internal sealed record CreateResponse(string Name, string Token, string CreatedAt);

internal sealed record SecretMeta(string Name, string CreatedAt, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastRotatedAt);

internal sealed record ListResponse(List<SecretMeta> Secrets);

internal sealed record ErrorBody(string Error, string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CreateRequest))]
[JsonSerializable(typeof(CreateResponse))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class MinimalJson : JsonSerializerContext;
