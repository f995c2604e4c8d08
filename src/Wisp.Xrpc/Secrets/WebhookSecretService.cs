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
    /// <summary>The error a duplicate name gets (409, as wisp.place; <see cref="XrpcErrorNames.StatusOf"/>).</summary>
    public const string AlreadyExists = XrpcErrorNames.AlreadyExists;

    /// <summary>The error an unknown name gets (404, as wisp.place; <see cref="XrpcErrorNames.StatusOf"/>).</summary>
    public const string NotFound = XrpcErrorNames.NotFound;

    /// <summary>
    /// Creates a secret named <paramref name="name"/> for <paramref name="ownerDid"/> with a new random token.
    /// </summary>
    /// <returns>The stored secret; its token is shown to the caller this once.</returns>
    /// <exception cref="XrpcException">400 <c>InvalidRequest</c> for a bad name, 409 <c>AlreadyExists</c> for a taken one.</exception>
    public async ValueTask<WebhookSecret> CreateAsync(string ownerDid, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerDid);
        ArgumentNullException.ThrowIfNull(name);
        ValidateName(name);
        var secret = new WebhookSecret(ownerDid, name, tokens.NewToken(), Now());

        // Uniqueness is decided by the store in one atomic step, never by a read before the write.
        if (!await store.TryCreateAsync(secret, cancellationToken))
        {
            LogDuplicate(logger, name, ownerDid);
            throw XrpcException.Declared(AlreadyExists, $"A secret named '{name}' already exists");
        }

        LogCreated(logger, name, ownerDid);
        return secret;
    }

    /// <summary>The owner's secrets, by name; what <c>secret.list</c> shows (never a token).</summary>
    public ValueTask<IReadOnlyList<WebhookSecretInfo>> ListAsync(string ownerDid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerDid);
        return store.ListAsync(ownerDid, cancellationToken);
    }

    /// <summary>
    /// Replaces the token of the owner's secret <paramref name="name"/>; the old token stops working at once.
    /// </summary>
    /// <param name="ownerDid">The caller.</param>
    /// <param name="name">The secret.</param>
    /// <param name="token">A caller-supplied token (32 to 256 printable ASCII characters, no whitespace), or null for a new random one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The secret with its new token; shown to the caller this once.</returns>
    /// <exception cref="XrpcException">400 <c>InvalidRequest</c> for a bad name or token, 404 <c>NotFound</c>.</exception>
    public async ValueTask<WebhookSecret> RotateAsync(string ownerDid, string name, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerDid);
        ArgumentNullException.ThrowIfNull(name);
        ValidateName(name);
        if (token is not null && !IsAcceptableToken(token))
        {
            throw XrpcException.InvalidRequest("Input/token must be 32 to 256 printable ASCII characters without whitespace");
        }

        var rotated = await store.TryRotateAsync(ownerDid, name, token ?? tokens.NewToken(), Now(), cancellationToken)
            ?? throw NotFoundError(name);
        LogRotated(logger, name, ownerDid);
        return rotated;
    }

    /// <summary>Deletes the owner's secret <paramref name="name"/>.</summary>
    /// <exception cref="XrpcException">400 <c>InvalidRequest</c> for a bad name, 404 <c>NotFound</c>.</exception>
    public async ValueTask DeleteAsync(string ownerDid, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerDid);
        ArgumentNullException.ThrowIfNull(name);
        ValidateName(name);
        if (!await store.TryDeleteAsync(ownerDid, name, cancellationToken))
        {
            throw NotFoundError(name);
        }

        LogDeleted(logger, name, ownerDid);
    }

    private static void ValidateName(string name)
    {
        if (!SecretNames.IsValid(name))
        {
            throw XrpcException.InvalidRequest(
                $"Input/name must be 1 to {SecretNames.MaxLength} characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
    }

    private static bool IsAcceptableToken(string token) =>
        token.Length is >= 32 and <= 256 && !token.AsSpan().ContainsAnyExceptInRange('!', '~');

    private static XrpcException NotFoundError(string name) =>
        XrpcException.Declared(NotFound, $"No secret named '{name}'");

    // Millisecond precision: what a response shows is exactly what is stored.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Rotated webhook secret {SecretName} of {OwnerDid}")]
    private static partial void LogRotated(ILogger logger, string secretName, string ownerDid);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Deleted webhook secret {SecretName} of {OwnerDid}")]
    private static partial void LogDeleted(ILogger logger, string secretName, string ownerDid);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Created webhook secret {SecretName} for {OwnerDid}")]
    private static partial void LogCreated(ILogger logger, string secretName, string ownerDid);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Webhook secret {SecretName} of {OwnerDid} already exists")]
    private static partial void LogDuplicate(ILogger logger, string secretName, string ownerDid);
}
