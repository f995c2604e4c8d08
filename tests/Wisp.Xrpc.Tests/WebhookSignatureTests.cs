using System.Text;
using Wisp.Xrpc.Secrets;
using Wisp.Xrpc.Webhooks;

namespace Wisp.Xrpc.Tests;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Fox = Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog");

    [Fact]
    public void The_signature_is_sha256_equals_lowercase_hex_hmac_of_the_exact_body()
    {
        // The HMAC-SHA256 example vector (key "key").
        Assert.Equal("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", WebhookSignature.Compute("key", Fox));
    }

    [Fact]
    public void Verify_accepts_the_signature_and_rejects_any_change()
    {
        var header = WebhookSignature.Compute("wsk_secret", Fox);

        Assert.True(WebhookSignature.Verify("wsk_secret", Fox, header));
        Assert.False(WebhookSignature.Verify("wsk_other", Fox, header));
        Assert.False(WebhookSignature.Verify("wsk_secret", Encoding.UTF8.GetBytes("The quick brown fox jumps over the lazy dog "), header));
        Assert.False(WebhookSignature.Verify("wsk_secret", Fox, null));
        Assert.False(WebhookSignature.Verify("wsk_secret", Fox, header[..^1]));
        Assert.False(WebhookSignature.Verify("wsk_secret", Fox, "sha1=" + header[7..]));
        Assert.False(WebhookSignature.Verify("wsk_secret", Fox, "sha256=" + new string('z', 64)));
    }

    [Fact]
    public async Task A_missing_secret_is_an_error_never_an_unsigned_delivery()
    {
        var signer = new WebhookSigner(new InMemorySecretStore());

        var error = await Assert.ThrowsAsync<WebhookSecretNotFoundException>(() => signer.SignAsync("did:plc:a", "nope", Fox).AsTask());
        Assert.Equal("nope", error.SecretId);
    }

    [Fact]
    public async Task The_signer_uses_the_owners_current_token()
    {
        var store = new InMemorySecretStore();
        await store.TryCreateAsync(new WebhookSecret("did:plc:a", "hook", "wsk_one", DateTimeOffset.UnixEpoch));
        var signer = new WebhookSigner(store);

        Assert.Equal(WebhookSignature.Compute("wsk_one", Fox), await signer.SignAsync("did:plc:a", "hook", Fox));
        await store.TryRotateAsync("did:plc:a", "hook", "wsk_two", DateTimeOffset.UnixEpoch);
        Assert.Equal(WebhookSignature.Compute("wsk_two", Fox), await signer.SignAsync("did:plc:a", "hook", Fox));
    }

    [Fact]
    public void A_secret_never_prints_its_token()
    {
        var secret = new WebhookSecret("did:plc:a", "hook", "wsk_do_not_print", DateTimeOffset.UnixEpoch);
        Assert.DoesNotContain("wsk_do_not_print", secret.ToString(), StringComparison.Ordinal);
        Assert.Contains("hook", secret.ToString(), StringComparison.Ordinal);
    }
}
