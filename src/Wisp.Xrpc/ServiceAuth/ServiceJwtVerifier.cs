using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.ServiceAuth;

/// <summary>What a verified service token says.</summary>
/// <param name="IssuerDid">The calling account's DID (<c>iss</c> without its fragment).</param>
/// <param name="Audience">The <c>aud</c> as sent.</param>
/// <param name="LexiconMethod">The <c>lxm</c>, if any.</param>
/// <param name="ExpiresAt">The <c>exp</c>.</param>
public sealed record ServiceJwt(string IssuerDid, string Audience, string? LexiconMethod, DateTimeOffset ExpiresAt);

/// <summary>
/// Verifies atproto inter-service JWTs the way the reference does (atproto.com/specs/xrpc, "Inter-Service
/// Authentication"): ES256K or ES256 only, typ checks, exp/iat with leeway and a maximum age, aud, lxm,
/// optional jti replay protection, and a signature from the issuer's current <c>#atproto</c> key (fetched once
/// more on failure, for rotated keys). Failures throw <see cref="ServiceAuthException"/>.
/// </summary>
public sealed class ServiceJwtVerifier(IDidResolver resolver, AtprotoServiceAuthOptions options, TimeProvider time, MemoryCache? replayCache)
{
    private static readonly string[] RejectedTypes = ["at+jwt", "refresh+jwt", "dpop+jwt"];

    /// <summary>Verifies <paramref name="token"/> for a call of <paramref name="lexiconMethod"/> (null: not an XRPC method).</summary>
    public async ValueTask<ServiceJwt> VerifyAsync(string token, string? lexiconMethod, CancellationToken cancellationToken)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            throw Bad("poorly formatted jwt");
        }

        var (alg, typ) = ReadHeader(parts[0]);
        var curve = alg switch
        {
            "ES256K" => AtprotoCurve.Secp256k1,
            "ES256" => AtprotoCurve.P256,
            _ => throw Bad($"unsupported jwt alg: {(alg.Length > 16 ? alg[..16] : alg)}"),
        };
        if (typ is not null && RejectedTypes.Contains(typ, StringComparer.OrdinalIgnoreCase))
        {
            throw Bad("invalid jwt type");
        }

        var payload = ReadPayload(parts[1]);
        var now = time.GetUtcNow();
        if (now > payload.ExpiresAt + options.ClockSkew)
        {
            throw new ServiceAuthException(ServiceAuthException.JwtExpired, "jwt expired");
        }

        if (payload.IssuedAt is { } issuedAt)
        {
            if (issuedAt > now + options.ClockSkew)
            {
                throw Bad("jwt issued in the future");
            }

            if (now - issuedAt > options.MaxTokenAge + options.ClockSkew)
            {
                throw new ServiceAuthException(ServiceAuthException.JwtExpired, "jwt too old");
            }
        }

        if (!AudienceMatches(payload.Audience))
        {
            throw new ServiceAuthException(ServiceAuthException.BadJwtAudience, "jwt audience does not match service did");
        }

        if (payload.LexiconMethod is null)
        {
            if (options.RequireLexiconMethod)
            {
                throw new ServiceAuthException(ServiceAuthException.BadJwtLexiconMethod, "missing jwt lexicon method (\"lxm\")");
            }
        }
        else if (payload.LexiconMethod != lexiconMethod)
        {
            throw new ServiceAuthException(ServiceAuthException.BadJwtLexiconMethod, lexiconMethod is null
                ? "jwt lexicon method (\"lxm\") given for a path that is no XRPC method"
                : $"bad jwt lexicon method (\"lxm\"). must match: {lexiconMethod}");
        }

        var signature = Base64UrlDecode(parts[2]) ?? throw Bad("poorly formatted jwt signature");
        if (signature.Length != 64)
        {
            throw new ServiceAuthException(ServiceAuthException.BadJwtSignature, "jwt signature must be 64 bytes (r||s)");
        }

        if (!options.AllowHighS && !AtprotoKeys.IsLowS(curve, signature))
        {
            throw new ServiceAuthException(ServiceAuthException.BadJwtSignature, "jwt signature is not in low-S form");
        }

        var signedData = Encoding.ASCII.GetBytes(token.AsSpan(0, parts[0].Length + 1 + parts[1].Length).ToString());
        if (!await SignatureMatchesAsync(payload, curve, signedData, signature, bypassCache: false, cancellationToken)
            && !await SignatureMatchesAsync(payload, curve, signedData, signature, bypassCache: true, cancellationToken))
        {
            throw new ServiceAuthException(ServiceAuthException.BadJwtSignature, "jwt signature does not match jwt issuer");
        }

        // Checked last, so that a forged token cannot fill the cache or burn a real token's jti.
        if (options.RejectReplayedJti && payload.Nonce is { } jti && replayCache is not null)
        {
            var key = (payload.IssuerDid, jti);
            var first = false;
            replayCache.GetOrCreate(key, entry =>
            {
                first = true;
                entry.AbsoluteExpiration = payload.ExpiresAt + options.ClockSkew;
                entry.Size = 1;
                return true;
            });
            if (!first)
            {
                throw Bad("jwt replayed (jti already used)");
            }
        }

        return new ServiceJwt(payload.IssuerDid, payload.Audience, payload.LexiconMethod, payload.ExpiresAt);
    }

    private async ValueTask<bool> SignatureMatchesAsync(Payload payload, AtprotoCurve curve, byte[] data, byte[] signature, bool bypassCache, CancellationToken cancellationToken)
    {
        var key = await resolver.ResolveSigningKeyAsync(payload.IssuerDid, payload.KeyId, bypassCache, cancellationToken);
        if (key is null)
        {
            if (bypassCache)
            {
                throw Bad("could not resolve the issuer's atproto signing key");
            }

            return false;
        }

        // The low-S rule was checked before (with its own error); here only the curve and the signature.
        return key.Curve == curve && key.Verify(data, signature, allowHighS: true);
    }

    private bool AudienceMatches(string audience)
    {
        if (audience == options.ServiceDid)
        {
            return true;
        }

        if (!options.AcceptAudienceWithFragment || !audience.StartsWith(options.ServiceDid + "#", StringComparison.Ordinal))
        {
            return false;
        }

        var fragment = audience[(options.ServiceDid.Length + 1)..];
        return fragment.Length > 0 && (options.AudienceFragments.Count == 0 || options.AudienceFragments.Contains(fragment));
    }

    private static (string Alg, string? Typ) ReadHeader(string encoded)
    {
        using var header = Parse(encoded, "header");
        var root = header.RootElement;
        var alg = root.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : throw Bad("jwt header has no alg");
        var typ = root.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return (alg, typ);
    }

    private static Payload ReadPayload(string encoded)
    {
        using var payload = Parse(encoded, "payload");
        var root = payload.RootElement;
        var iss = String(root, "iss") ?? throw Bad("jwt has no iss");
        var hash = iss.IndexOf('#');
        var did = hash < 0 ? iss : iss[..hash];
        var keyId = hash < 0 ? "atproto" : iss[(hash + 1)..];
        if (!LexiconFormats.IsDid(did) || keyId.Length == 0)
        {
            throw Bad("jwt iss is not a DID");
        }

        var aud = String(root, "aud") ?? throw Bad("jwt has no aud");
        var exp = Seconds(root, "exp") ?? throw Bad("jwt has no exp");
        return new Payload(did, keyId, aud, exp, Seconds(root, "iat"), String(root, "lxm"), String(root, "jti"));
    }

    private static JsonDocument Parse(string encoded, string part)
    {
        var bytes = Base64UrlDecode(encoded) ?? throw Bad($"poorly formatted jwt {part}");
        try
        {
            var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Bad($"jwt {part} is not a JSON object");
            }

            return document;
        }
        catch (JsonException)
        {
            throw Bad($"jwt {part} is not JSON");
        }
    }

    private static byte[]? Base64UrlDecode(string value)
    {
        try
        {
            return Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Seconds(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static ServiceAuthException Bad(string message) => new(ServiceAuthException.BadJwt, message);

    private sealed record Payload(string IssuerDid, string KeyId, string Audience, DateTimeOffset ExpiresAt, DateTimeOffset? IssuedAt, string? LexiconMethod, string? Nonce);
}
