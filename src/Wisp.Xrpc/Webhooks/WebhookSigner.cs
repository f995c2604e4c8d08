using Wisp.Xrpc.Secrets;

namespace Wisp.Xrpc.Webhooks;

/// <summary>Signs webhook deliveries with an account's named secret, as wisp.place does for <c>place.wisp.v2.wh</c>.</summary>
public sealed class WebhookSigner(ISecretStore store)
{
    /// <summary>
    /// The <see cref="WebhookSignature.HeaderName"/> value for <paramref name="body"/>, signed with the secret
    /// <paramref name="secretId"/> of <paramref name="ownerDid"/>.
    /// </summary>
    /// <exception cref="WebhookSecretNotFoundException">The owner has no such secret: never deliver unsigned.</exception>
    /// <exception cref="SecretStoreUnavailableException">The store or its keys are unavailable.</exception>
    public async ValueTask<string> SignAsync(string ownerDid, string secretId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ownerDid);
        ArgumentNullException.ThrowIfNull(secretId);
        var secret = await store.FindAsync(ownerDid, secretId, cancellationToken)
            ?? throw new WebhookSecretNotFoundException(ownerDid, secretId);
        return WebhookSignature.Compute(secret.Token, body.Span);
    }
}

/// <summary>A webhook names a secret its owner does not have; the delivery must not go out unsigned.</summary>
public sealed class WebhookSecretNotFoundException(string ownerDid, string secretId)
    : Exception($"{ownerDid} has no webhook secret named '{secretId}'; the delivery cannot be signed.")
{
    /// <summary>The owner DID.</summary>
    public string OwnerDid { get; } = ownerDid;

    /// <summary>The secret name the webhook refers to.</summary>
    public string SecretId { get; } = secretId;
}
