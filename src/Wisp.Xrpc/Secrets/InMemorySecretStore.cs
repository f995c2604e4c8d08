using System.Collections.Concurrent;

namespace Wisp.Xrpc.Secrets;

/// <summary>
/// Keeps secrets in process memory: correct under concurrency, but everything is lost when the process stops.
/// For tests and local experiments (<c>UseInMemorySecretStore()</c>), not for production.
/// </summary>
public sealed class InMemorySecretStore : ISecretStore
{
    // Indexed by owner, so that every operation, listing included, touches one account's secrets only.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, WebhookSecret>> _owners = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<bool> TryCreateAsync(WebhookSecret secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var owned = _owners.GetOrAdd(secret.OwnerDid, static _ => new ConcurrentDictionary<string, WebhookSecret>(StringComparer.Ordinal));
        return ValueTask.FromResult(owned.TryAdd(secret.Name, secret));
    }

    /// <inheritdoc />
    public ValueTask<WebhookSecret?> FindAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_owners.TryGetValue(ownerDid, out var owned) && owned.TryGetValue(name, out var secret) ? secret : null);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<WebhookSecretInfo>> ListAsync(string ownerDid, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<WebhookSecretInfo> listed = _owners.TryGetValue(ownerDid, out var owned)
            ? owned.Values.OrderBy(secret => secret.Name, StringComparer.Ordinal).Select(secret => new WebhookSecretInfo(secret.OwnerDid, secret.Name, secret.CreatedAt, secret.LastRotatedAt)).ToList()
            : [];
        return ValueTask.FromResult(listed);
    }

    /// <inheritdoc />
    public ValueTask<WebhookSecret?> TryRotateAsync(string ownerDid, string name, string newToken, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default)
    {
        if (_owners.TryGetValue(ownerDid, out var owned))
        {
            while (owned.TryGetValue(name, out var current))
            {
                var rotated = current with { Token = newToken, LastRotatedAt = rotatedAt };
                if (owned.TryUpdate(name, rotated, current))
                {
                    return ValueTask.FromResult<WebhookSecret?>(rotated);
                }
            }
        }

        return ValueTask.FromResult<WebhookSecret?>(null);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryDeleteAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_owners.TryGetValue(ownerDid, out var owned) && owned.TryRemove(name, out _));
}
