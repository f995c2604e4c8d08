using System.Security.Cryptography;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// SHA-256 for CIDs, blocks and MST keys: the BCL's, through one <see cref="IncrementalHash"/> per thread. On Linux
/// each <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> call sets up an OpenSSL context (about 0.5 µs,
/// most of a small block's hash); a kept one saves about 0.13 µs a call, which a firehose's thousands of blocks feel.
/// </summary>
internal static class Sha256Digest
{
    [ThreadStatic]
    private static IncrementalHash? t_hash;

    /// <summary>Writes SHA-256(<paramref name="data"/>) to the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = t_hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data);
        hash.GetHashAndReset(destination);
    }
}
