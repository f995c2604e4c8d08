namespace Wisp.Xrpc.Secrets;

/// <summary>
/// Where webhook signing secrets are kept. Every operation is scoped by the owner's DID: one account can never
/// see or change another's secrets. Implementations must be safe for concurrent use and must decide
/// uniqueness atomically (of two concurrent creates of one name, exactly one succeeds).
/// </summary>
public interface ISecretStore
{
    /// <summary>Stores a new secret; false when the owner already has one with that name.</summary>
    ValueTask<bool> TryCreateAsync(WebhookSecret secret, CancellationToken cancellationToken = default);

    /// <summary>The owner's secret with this name, or null.</summary>
    ValueTask<WebhookSecret?> FindAsync(string ownerDid, string name, CancellationToken cancellationToken = default);

    /// <summary>All of the owner's secrets, ordered by name (ordinal): what a listing shows, which holds no token.</summary>
    ValueTask<IReadOnlyList<WebhookSecretInfo>> ListAsync(string ownerDid, CancellationToken cancellationToken = default);

    /// <summary>Replaces the token of the owner's secret in one atomic step; the updated secret, or null when there is no such secret.</summary>
    ValueTask<WebhookSecret?> TryRotateAsync(string ownerDid, string name, string newToken, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes the owner's secret; false when there is no such secret.</summary>
    ValueTask<bool> TryDeleteAsync(string ownerDid, string name, CancellationToken cancellationToken = default);
}
