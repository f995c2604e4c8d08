using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Client;

/// <summary>
/// Outbound service auth: each call carries <c>Authorization: Bearer</c> with a token minted for it
/// (<see cref="ServiceJwtIssuer"/>): <c>iss</c> <see cref="Issuer"/>, <c>aud</c> <see cref="Audience"/>, <c>lxm</c>
/// the method called, a short <c>exp</c> and a fresh <c>jti</c>.
/// </summary>
public sealed class XrpcServiceAuthOptions
{
    /// <summary>The DID the tokens are issued as (the caller's; a <c>#fragment</c> such as <c>#atproto_labeler</c> is allowed).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The key that signs them: the issuer's <c>#atproto</c> verification method.</summary>
    public AtprotoSigningKey? SigningKey { get; set; }

    /// <summary>The service called: its DID, with an optional service fragment (<c>did:web:api.bsky.app#bsky_appview</c>). A call may name another.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>How long each token is valid; 60 seconds (the reference's default) unless set; at most an hour.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(60);
}
