using SimpleBase;

namespace Wisp.Xrpc.DataModel;

/// <summary>Multibase <c>b</c>: RFC 4648 base32, lower case, no padding (SimpleBase with that alphabet).</summary>
internal static class Base32Lower
{
    private static readonly Base32 Codec = new(new Base32Alphabet("abcdefghijklmnopqrstuvwxyz234567"));

    public static string Encode(ReadOnlySpan<byte> bytes) => Codec.Encode(bytes, padding: false);

    /// <summary>Decodes strictly: only <c>a-z2-7</c> (upper case and padding are other multibases, or invalid).</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> output, out int written)
    {
        written = 0;
        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '2' and <= '7')))
            {
                return false;
            }
        }

        // Base32 carries 5 bits per character: the bits left over after the last whole byte must be zero, and
        // there can never be 1, 3 or 6 of them (lengths no encoder produces).
        if ((text.Length * 5 / 8) > output.Length || (text.Length % 8) is 1 or 3 or 6)
        {
            return false;
        }

        return Codec.TryDecode(text, output, out written) && Encode(output[..written]).AsSpan().SequenceEqual(text);
    }
}
