using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Wisp.Xrpc.Tests;

/// <summary>With Microsoft.AspNetCore.OpenApi, every generated method is in /openapi/v1.json.</summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task Every_generated_method_is_in_the_openapi_document_with_its_shapes()
    {
        await using var server = await TestServer.StartAsync(
            services =>
            {
                TestHandlers.Register(services);
                services.AddOpenApi(o => o.CreateSchemaReferenceId = Wisp.Xrpc.Hosting.XrpcOpenApi.SchemaReferenceIds(o.CreateSchemaReferenceId));
            },
            app =>
            {
                app.MapOpenApi();
                app.MapWispXrpc();
            });

        var json = await server.Client.GetStringAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths");
        var xrpcPaths = paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/xrpc/", StringComparison.Ordinal)).ToList();
        var mapped = server.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<XrpcMethod>()).OfType<XrpcMethod>().Where(m => m.Kind != XrpcMethodKind.Subscription).Select(m => m.Path).ToList();
        Assert.Equal(mapped.Order(), xrpcPaths.Order());
        Assert.Equal(17, xrpcPaths.Count); // lexicons/ and the test lexicons, the client tests' six among them

        var create = paths.GetProperty("/xrpc/place.wisp.v2.secret.create").GetProperty("post");
        Assert.Contains("webhook signing secret", create.GetProperty("description").GetString() ?? create.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var createBody = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("name", Resolve(document, createBody).GetProperty("properties").EnumerateObject().Select(p => p.Name));
        var createOk = create.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["name", "token", "createdAt"], Resolve(document, createOk).GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.True(create.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("400", out _));

        var download = paths.GetProperty("/xrpc/com.example.test.download").GetProperty("get");
        var parameters = download.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["size", "tags", "flag", "label", "actor"], parameters.Keys);
        Assert.Equal("query", parameters["size"].GetProperty("in").GetString());
        Assert.True(parameters["size"].GetProperty("required").GetBoolean());
        Assert.True(download.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/octet-stream", out _));

        Assert.Contains("Place.Wisp.V2.Secret.Create.Input", document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name));

        var upload = paths.GetProperty("/xrpc/com.example.test.upload").GetProperty("post");
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("*/*", out _));
    }

    private static JsonElement Resolve(JsonDocument document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            return document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }
}
