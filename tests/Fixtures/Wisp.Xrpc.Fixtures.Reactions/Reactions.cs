using Wisp.Xrpc.Fixtures.Reactions.Lexicons.Com.Example.Reactions;
using Wisp.Xrpc.Lexicons.Com.Atproto.Repo;

namespace Wisp.Xrpc.Fixtures.Reactions;

/// <summary>What this library offers others: reactions to any <see cref="StrongRef.Main"/>, wherever it came from.</summary>
public static class Reactions
{
    /// <summary>A reaction to <paramref name="subject"/>.</summary>
    public static Reaction.Main React(StrongRef.Main subject, string emoji, string createdAt) =>
        new() { Subject = subject, Emoji = emoji, CreatedAt = createdAt };
}
