using Microsoft.Extensions.DependencyInjection;

namespace Wisp.Xrpc.Tests;

/// <summary>The test lexicons: every supported constraint, and methods without input or output.</summary>
public sealed class GeneratedEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Echo = "/xrpc/com.example.test.echo";

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_valid_input_round_trips_and_defaults_are_applied()
    {
        const string input = """{"text":"héllo","emoji":"👍🏽🇫🇷","flag":true,"tags":["a","bb"],"kind":"b","handle":"alice.example.com","when":"2024-01-02T03:04:05.678+01:00","note":null,"unknown":{"x":[1,2]}}""";
        var body = await XrpcAssert.OkAsync(await Server.PostAsync(Echo, input, callerDid: null));

        Assert.Equal("héllo", body.GetProperty("text").GetString());
        Assert.Equal("👍🏽🇫🇷", body.GetProperty("emoji").GetString());
        Assert.Equal(5, body.GetProperty("count").GetInt64());
        Assert.True(body.GetProperty("flag").GetBoolean());
        Assert.Equal(["a", "bb"], body.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2024-01-02T03:04:05.678+01:00", body.GetProperty("when").GetString());
        // "note" is nullable, so its null is accepted; telling absent from null on output is issue #3's work.
    }

    [Theory]
    [InlineData("""{"text":""}""", "Input/text must not be shorter than 1 bytes (UTF-8)")]
    [InlineData("""{"text":"01234567890"}""", "Input/text must not be longer than 10 bytes (UTF-8)")]
    [InlineData("""{"text":"ééééé€"}""", "Input/text must not be longer than 10 bytes (UTF-8)")]
    [InlineData("""{"text":"a","emoji":"👍🏽🇫🇷x"}""", "Input/emoji must not be longer than 2 graphemes")]
    [InlineData("""{"text":"a","count":0}""", "Input/count can not be less than 1")]
    [InlineData("""{"text":"a","count":11}""", "Input/count can not be greater than 10")]
    [InlineData("""{"text":"a","count":1.5}""", "Input/count must be an integer")]
    [InlineData("""{"text":"a","count":"1"}""", "Input/count must be an integer")]
    [InlineData("""{"text":"a","flag":"true"}""", "Input/flag must be a boolean")]
    [InlineData("""{"text":"a","tags":["a","b","c","d"]}""", "Input/tags must not have more than 3 elements")]
    [InlineData("""{"text":"a","tags":["abcde"]}""", "Input/tags/0 must not be longer than 4 bytes (UTF-8)")]
    [InlineData("""{"text":"a","tags":["a",1]}""", "Input/tags/1 must be a string")]
    [InlineData("""{"text":"a","tags":"a"}""", "Input/tags must be an array")]
    [InlineData("""{"text":"a","kind":"c"}""", "Input/kind must be one of (a|b)")]
    [InlineData("""{"text":"a","handle":"not a handle"}""", "Input/handle must be a valid handle")]
    [InlineData("""{"text":"a","when":"2024-01-02 03:04:05Z"}""", "Input/when must be a valid datetime (RFC 3339 with a time zone)")]
    [InlineData("""{"text":"a","when":"2024-02-30T00:00:00Z"}""", "Input/when must be a valid datetime (RFC 3339 with a time zone)")]
    [InlineData("""{"text":"a","emoji":null}""", "Input/emoji must be a string")]
    public async Task Each_constraint_is_enforced_with_the_path_and_rule(string input, string message)
    {
        var response = await Server.PostAsync(Echo, input, callerDid: null);
        Assert.Equal(message, await XrpcAssert.ErrorAsync(response, 400, "InvalidRequest"));
    }

    [Fact]
    public async Task An_unknown_value_is_kept_exactly_and_must_be_an_object()
    {
        const string extra = """{"a":[1,{"b":null}],"s":"x\u00e9","n":1.5e3}""";
        var body = await XrpcAssert.OkAsync(await Server.PostAsync(Echo, $$"""{"text":"a","extra":{{extra}}}""", callerDid: null));
        // The same JSON value (escapes may be written differently; the data is identical).
        Assert.True(System.Text.Json.JsonElement.DeepEquals(System.Text.Json.JsonDocument.Parse(extra).RootElement, body.GetProperty("extra")), body.GetProperty("extra").GetRawText());

        var refused = await Server.PostAsync(Echo, """{"text":"a","extra":5}""", callerDid: null);
        Assert.Equal("Input/extra must be an object", await XrpcAssert.ErrorAsync(refused, 400, "InvalidRequest"));
    }

    [Fact]
    public void A_token_definition_is_a_string_constant_named_after_it()
    {
        Assert.Equal("com.example.test.echo#loud", Lexicons.Com.Example.Test.Echo.Loud);
    }

    [Fact]
    public async Task A_declared_error_thrown_by_a_handler_is_its_xrpc_error()
    {
        var response = await Server.PostAsync(Echo, """{"text":"teapot"}""", callerDid: null);
        Assert.Equal("I'm a teapot", await XrpcAssert.ErrorAsync(response, 400, "Teapot"));
    }

    [Fact]
    public async Task A_method_without_output_answers_200_with_no_body()
    {
        var response = await Server.PostAsync("/xrpc/com.example.test.fire", """{"id":"f1"}""", callerDid: null);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var fire = (TestHandlers.FireHandler)Server.Services.GetRequiredService<Lexicons.Com.Example.Test.Fire.IHandler>();
        Assert.Contains("f1", fire.Fired);
    }

    [Fact]
    public async Task A_method_without_input_rejects_a_body_and_serves_without_one()
    {
        await XrpcAssert.ErrorAsync(await Server.PostAsync("/xrpc/com.example.test.tick", "{}", callerDid: null), 400, "InvalidRequest");

        var body = await XrpcAssert.OkAsync(await Server.Client.PostAsync("/xrpc/com.example.test.tick", content: null));
        Assert.True(body.GetProperty("ticks").GetInt64() >= 1);
    }

    [Fact]
    public async Task A_method_without_a_handler_is_501()
    {
        var response = await Server.PostAsync("/xrpc/com.example.test.unhandled", "{}", callerDid: null);
        await XrpcAssert.ErrorAsync(response, 501, "MethodNotImplemented");
    }
}
