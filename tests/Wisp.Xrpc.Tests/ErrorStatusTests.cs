using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Tests.Lexicons.Place.Wisp.V2.Secret;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// One table of error statuses (XrpcErrorNames.StatusOf): a handler that replaces a built-in one and throws the
/// lexicon's declared error answers exactly what the built-in handler answers.
/// </summary>
public sealed class ErrorStatusTests
{
    [Fact]
    public void Generated_error_factories_use_the_statuses_the_built_in_handlers_answer_with()
    {
        Assert.Equal(404, Delete.Errors.NotFound().StatusCode);
        Assert.Equal(404, Rotate.Errors.NotFound().StatusCode);
        Assert.Equal(409, Create.Errors.AlreadyExists().StatusCode);
        Assert.Equal(401, Create.Errors.AuthenticationRequired().StatusCode);
        Assert.Equal(400, Create.Errors.InvalidRequest().StatusCode);
        Assert.Equal(XrpcErrorNames.StatusOf(WebhookSecretService.NotFound), Delete.Errors.NotFound("x").StatusCode);
        Assert.Equal(XrpcErrorNames.StatusOf(WebhookSecretService.AlreadyExists), Create.Errors.AlreadyExists("x").StatusCode);
        Assert.Equal("NotFound", Delete.Errors.NotFound().Error);
    }

    [Theory]
    [InlineData("AuthenticationRequired", 401)]
    [InlineData("Forbidden", 403)]
    [InlineData("NotFound", 404)]
    [InlineData("AlreadyExists", 409)]
    [InlineData("PayloadTooLarge", 413)]
    [InlineData("RateLimitExceeded", 429)]
    [InlineData("InternalServerError", 500)]
    [InlineData("MethodNotImplemented", 501)]
    [InlineData("ServiceUnavailable", 503)]
    [InlineData("RecordNotFound", 400)]
    [InlineData("InvalidRequest", 400)]
    public void Error_names_map_to_their_status(string error, int status) =>
        Assert.Equal(status, XrpcException.Declared(error).StatusCode);
}
