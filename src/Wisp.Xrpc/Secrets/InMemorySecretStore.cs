using System.Collections.Concurrent;

namespace Wisp.Xrpc.Secrets;

/// <summary>
/// Keeps secrets in process memory: correct under concurrency, but everything is lost when the process stops.
/// The default until a durable store is registered; fine for development and tests, not for production.
/// </summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<(string OwnerDid, string Name), WebhookSecret> _secrets = new();

    /// <inheritdoc />
    public ValueTask<bool> TryCreateAsync(WebhookSecret secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return ValueTask.FromResult(_secrets.TryAdd((secret.OwnerDid, secret.Name), secret));
    }

    /// <inheritdoc />
    public ValueTask<WebhookSecret?> FindAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_secrets.TryGetValue((ownerDid, name), out var secret) ? secret : null);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<WebhookSecret>> ListAsync(string ownerDid, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<WebhookSecret> owned = _secrets.Values
            .Where(secret => secret.OwnerDid == ownerDid)
            .OrderBy(secret => secret.Name, StringComparer.Ordinal)
            .Select(secret => secret with { Token = string.Empty })
            .ToList();
        return ValueTask.FromResult(owned);
    }

    /// <inheritdoc />
    public ValueTask<WebhookSecret?> TryRotateAsync(string ownerDid, string name, string newToken, DateTimeOffset rotatedAt, CancellationToken cancellationToken = default)
    {
        var key = (ownerDid, name);
        while (_secrets.TryGetValue(key, out var current))
        {
            var rotated = current with { Token = newToken, LastRotatedAt = rotatedAt };
            if (_secrets.TryUpdate(key, rotated, current))
            {
                return ValueTask.FromResult<WebhookSecret?>(rotated);
            }
        }

        return ValueTask.FromResult<WebhookSecret?>(null);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryDeleteAsync(string ownerDid, string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_secrets.TryRemove((ownerDid, name), out _));
}
