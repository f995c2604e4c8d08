namespace Wisp.Xrpc.Generators.Parsing;

/// <summary>NSID syntax (atproto.com/specs/nsid), checked at build time so a bad id is a diagnostic, not bad code.</summary>
internal static class Nsid
{
    public static bool IsValid(string value)
    {
        if (value.Length == 0 || value.Length > 317)
        {
            return false;
        }

        var segments = value.Split('.');
        if (segments.Length < 3)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 || segment.Length > 63)
            {
                return false;
            }

            var isName = i == segments.Length - 1;
            if (i == 0 || isName)
            {
                if (IsDigit(segment[0]))
                {
                    return false;
                }
            }

            foreach (var c in segment)
            {
                var ok = IsLetter(c) || IsDigit(c) || (!isName && c == '-');
                if (!ok)
                {
                    return false;
                }
            }

            if (segment[0] == '-' || segment[segment.Length - 1] == '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
