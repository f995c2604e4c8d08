using System.Buffers.Text;
using System.Security.Cryptography;

namespace Wisp.Xrpc.Secrets;

/// <summary>Makes new signing tokens.</summary>
public interface ISecretTokenGenerator
{
    /// <summary>A new, unguessable token.</summary>
    string NewToken();
}

/// <summary>
/// wisp.place's token form: <c>wsk_</c> + base64url (no padding) of 24 bytes from a cryptographic RNG,
/// 36 characters with 192 bits of entropy.
/// </summary>
public sealed class SecretTokenGenerator : ISecretTokenGenerator
{
    /// <summary>The prefix that marks a Wisp signing key (and lets secret scanners find leaked ones).</summary>
    public const string Prefix = "wsk_";

    private const int RandomBytes = 24;

    /// <inheritdoc />
    public string NewToken()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Base64Url.EncodeToString(bytes);
    }
}
