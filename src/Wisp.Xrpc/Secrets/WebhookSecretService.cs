using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Wisp.Xrpc.Secrets;

/// <summary>
/// The behaviour of the <c>place.wisp.v2.secret.*</c> methods, behind the generated default handlers:
/// name rules, token generation and the XRPC errors, over any <see cref="ISecretStore"/>.
/// Tokens are never logged.
/// </summary>
public sealed partial class WebhookSecretService(
    ISecretStore store,
    ISecretTokenGenerator tokens,
    TimeProvider time,
    ILogger<WebhookSecretService> logger)
{
    /// <summary>The error a duplicate name gets (409).</summary>
    public const string AlreadyExists = "AlreadyExists";

    /// <summary>
    /// Creates a secret named <paramref name="name"/> for <paramref name="ownerDid"/> with a new random token.
    /// </summary>
    /// <returns>The stored secret; its token is shown to the caller this once.</returns>
    /// <exception cref="XrpcException">400 <c>InvalidRequest</c> for a bad name, 409 <c>AlreadyExists</c> for a taken one.</exception>
    public async ValueTask<WebhookSecret> CreateAsync(string ownerDid, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerDid);
        ArgumentNullException.ThrowIfNull(name);
        if (!SecretNames.IsValid(name))
        {
            throw XrpcException.InvalidRequest(
                $"Input/name must be 1 to {SecretNames.MaxLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }

        // Millisecond precision: what the response shows is exactly what is stored.
        var now = time.GetUtcNow();
        var createdAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var secret = new WebhookSecret(ownerDid, name, tokens.NewToken(), createdAt);

        // Uniqueness is decided by the store in one atomic step, never by a read before the write.
        if (!await store.TryCreateAsync(secret, cancellationToken))
        {
            LogDuplicate(logger, name, ownerDid);
            throw new XrpcException(StatusCodes.Status409Conflict, AlreadyExists, $"A secret named '{name}' already exists");
        }

        LogCreated(logger, name, ownerDid);
        return secret;
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Created webhook secret {SecretName} for {OwnerDid}")]
    private static partial void LogCreated(ILogger logger, string secretName, string ownerDid);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Webhook secret {SecretName} of {OwnerDid} already exists")]
    private static partial void LogDuplicate(ILogger logger, string secretName, string ownerDid);
}
