using System.Security.Cryptography;
using System.Text;

namespace Wisp.Xrpc.Webhooks;

/// <summary>
/// wisp.place's webhook signature: <c>X-Webhook-Signature: sha256=&lt;lowercase hex HMAC-SHA256&gt;</c>, keyed with the
/// secret's token as UTF-8, over the exact body bytes. For senders (<see cref="Compute"/>) and receivers (<see cref="Verify"/>).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string HeaderName = "X-Webhook-Signature";

    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/> signed with <paramref name="token"/>.</summary>
    public static string Compute(string token, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), body, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// True when <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="token"/>.
    /// Compared in constant time; a missing or malformed header is false.
    /// </summary>
    public static bool Verify(string token, ReadOnlySpan<byte> body, string? header)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + (2 * HMACSHA256.HashSizeInBytes))
        {
            return false;
        }

        Span<byte> received = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), received, out _, out var written) != System.Buffers.OperationStatus.Done || written != received.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }
}
