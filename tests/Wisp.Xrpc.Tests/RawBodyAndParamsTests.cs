using System.Net;
using System.Net.Http.Headers;

namespace Wisp.Xrpc.Tests;

/// <summary>Raw (non-JSON) inputs and outputs, and query-string parameters as the reference parses them.</summary>
public sealed class RawBodyAndParamsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_raw_input_reaches_the_handler_as_a_stream_with_its_content_type()
    {
        var content = new ByteArrayContent(new byte[300_000]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var body = await XrpcAssert.OkAsync(await Server.Client.PostAsync("/xrpc/com.example.test.upload", content));

        Assert.Equal(300_000, body.GetProperty("size").GetInt64());
        Assert.Equal("image/png", body.GetProperty("mimeType").GetString());
    }

    [Fact]
    public async Task A_raw_input_without_content_type_is_400()
    {
        var content = new ByteArrayContent([1, 2, 3]);
        var response = await Server.Client.PostAsync("/xrpc/com.example.test.upload", content);
        Assert.Equal("Request encoding (Content-Type) required but not provided", await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Theory]
    [InlineData("image/jpeg", HttpStatusCode.OK)]
    [InlineData("image/webp", HttpStatusCode.OK)]
    [InlineData("text/plain", HttpStatusCode.BadRequest)]
    [InlineData("application/json", HttpStatusCode.BadRequest)]
    public async Task A_type_glob_encoding_accepts_only_that_type(string contentType, HttpStatusCode expected)
    {
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var response = await Server.Client.PostAsync("/xrpc/com.example.test.setAvatar", content);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_raw_input_over_the_limit_is_413()
    {
        var content = new ByteArrayContent(new byte[(5 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await Server.Client.PostAsync("/xrpc/com.example.test.upload", content);
        await XrpcAssert.ErrorAsync(response, 413, "PayloadTooLarge");
    }

    [Fact]
    public async Task A_raw_output_is_streamed_with_its_content_type()
    {
        var response = await Server.Client.GetAsync("/xrpc/com.example.test.download?size=1000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1000, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("size=3", "3||False|x")]
    [InlineData("size=3&tags=a&tags=b&flag=true&label=hi", "3|a,b|True|hi")]
    [InlineData("size=-0&flag=false", "0||False|x")]
    [InlineData("size=3&tags=&label=", "3||False|x")]
    [InlineData("size=3&actor=alice.example.com", "3||False|x")]
    [InlineData("size=3&actor=did:plc:alice", "3||False|x")]
    public async Task Params_are_parsed_as_the_reference_does(string query, string expected)
    {
        var response = await Server.Client.GetAsync("/xrpc/com.example.test.download?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Headers.GetValues("X-Params").Single());
    }

    [Theory]
    [InlineData("", "Params must have the property \"size\"")]
    [InlineData("size=", "Params must have the property \"size\"")]
    [InlineData("size=1.5", "Params/size must be an integer")]
    [InlineData("size=+1", "Params/size must be an integer")]
    [InlineData("size=1e3", "Params/size must be an integer")]
    [InlineData("size=2000000", "Params/size can not be greater than 1048576")]
    [InlineData("size=1&size=2", "Params/size must be a single value")]
    [InlineData("size=1&flag=1", "Params/flag must be a boolean")]
    [InlineData("size=1&flag=True", "Params/flag must be a boolean")]
    [InlineData("size=1&label=123456789", "Params/label must not be longer than 8 bytes (UTF-8)")]
    [InlineData("size=1&actor=not%20an%20identifier", "Params/actor must be a valid AT Identifier")]
    public async Task Bad_params_are_400_naming_the_parameter(string query, string message)
    {
        var response = await Server.Client.GetAsync("/xrpc/com.example.test.download?" + query);
        Assert.Equal(message, await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Fact]
    public async Task A_query_with_a_body_is_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/xrpc/com.example.test.download?size=1") { Content = new StringContent("{}") };
        await XrpcAssert.ErrorAsync(await Server.Client.SendAsync(request), 400, "InvalidRequest");
    }
}
