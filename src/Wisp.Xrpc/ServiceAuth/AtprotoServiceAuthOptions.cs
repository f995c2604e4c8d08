using Microsoft.AspNetCore.Authentication;

namespace Wisp.Xrpc.ServiceAuth;

/// <summary>Options of the atproto inter-service authentication scheme (atproto.com/specs/xrpc).</summary>
public sealed class AtprotoServiceAuthOptions : AuthenticationSchemeOptions
{
    /// <summary>This service's DID: tokens must be addressed to it (<c>aud</c>). Required.</summary>
    public string ServiceDid { get; set; } = string.Empty;

    /// <summary>
    /// Also accept <c>aud</c> of the form <c>{ServiceDid}#{fragment}</c> (a service entry of the DID document,
    /// e.g. <c>#atproto_labeler</c>). Default: true, with any fragment; list fragments in <see cref="AudienceFragments"/> to restrict.
    /// </summary>
    public bool AcceptAudienceWithFragment { get; set; } = true;

    /// <summary>When not empty, the only fragments accepted after the service DID in <c>aud</c> (without <c>#</c>).</summary>
    public ICollection<string> AudienceFragments { get; } = new List<string>();

    /// <summary>Leeway for <c>exp</c> and <c>iat</c>. Default: 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The oldest a token may be, from <c>iat</c>. Default: 5 minutes (the reference issues 60-second tokens).</summary>
    public TimeSpan MaxTokenAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refuse tokens without <c>lxm</c>. Default: true; the reference still accepts them, we do not by default.</summary>
    public bool RequireLexiconMethod { get; set; } = true;

    /// <summary>Accept high-S ECDSA signatures, as the reference does with its lax option. Default: false (low-S only).</summary>
    public bool AllowHighS { get; set; }

    /// <summary>Refuse a <c>jti</c> seen before from the same issuer (until the token's expiry). Default: true.</summary>
    public bool RejectReplayedJti { get; set; } = true;

    /// <summary>How many <c>jti</c> values are remembered at most; the oldest are forgotten first. Default: 100,000.</summary>
    public int ReplayCacheSize { get; set; } = 100_000;
}
