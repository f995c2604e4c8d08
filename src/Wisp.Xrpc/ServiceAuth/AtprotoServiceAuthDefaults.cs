namespace Wisp.Xrpc.ServiceAuth;

/// <summary>Default values of the atproto service-auth scheme (as <c>JwtBearerDefaults</c> is for JWT bearer).</summary>
public static class AtprotoServiceAuthDefaults
{
    /// <summary>The default scheme name: <c>AtprotoServiceAuth</c>.</summary>
    public const string AuthenticationScheme = "AtprotoServiceAuth";

    /// <summary>The scheme's display name.</summary>
    public const string DisplayName = "atproto service auth";
}
