using Wisp.Xrpc.Fixtures.Bookmarks.Lexicons.Com.Example.Bookmarks;
using Wisp.Xrpc.Lexicons.Com.Atproto.Repo;

namespace Wisp.Xrpc.Fixtures.Bookmarks;

/// <summary>What this library offers others: its records hold the prebuilt package's <see cref="StrongRef.Main"/>.</summary>
public static class Bookmarks
{
    /// <summary>A bookmark of <paramref name="subject"/>.</summary>
    public static Saved.Main Save(StrongRef.Main subject, DateTimeOffset at) =>
        new() { Subject = subject, CreatedAt = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>What a bookmark points at.</summary>
    public static StrongRef.Main SubjectOf(Saved.Main bookmark) => bookmark.Subject;
}
