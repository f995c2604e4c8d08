using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.ServiceAuth;

/// <summary>
/// Mints atproto inter-service JWTs (atproto.com/specs/xrpc, "Inter-Service Authentication") as the reference's
/// <c>createServiceJwt</c> does: header <c>{"typ":"JWT","alg":"ES256K"|"ES256"}</c>, claims <c>iat</c>, <c>iss</c>,
/// <c>aud</c>, <c>exp</c>, <c>lxm</c>, <c>jti</c> (16 random bytes, hex), a low-S signature. Tokens are short-lived
/// (a minute by default) and minted per call, so each carries the method it is for.
/// </summary>
public sealed class ServiceJwtIssuer
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(1);

    private readonly AtprotoSigningKey _key;
    private readonly TimeProvider _time;
    private readonly byte[] _header;

    /// <summary>Creates an issuer that signs as <paramref name="issuer"/> with <paramref name="key"/>.</summary>
    /// <param name="issuer">The calling account's or service's DID; a service fragment (<c>#atproto_labeler</c>) is allowed.</param>
    /// <param name="key">The issuer's signing key (the <c>#atproto</c> key of its DID document).</param>
    /// <param name="time">The clock; the system's when null.</param>
    public ServiceJwtIssuer(string issuer, AtprotoSigningKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsDidWithOptionalFragment(issuer))
        {
            throw new ArgumentException("The issuer must be a DID, with an optional #fragment", nameof(issuer));
        }

        Issuer = issuer;
        _key = key;
        _time = time ?? TimeProvider.System;
        _header = Encode(Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"" + key.JwtAlgorithm + "\"}"));
    }

    /// <summary>The <c>iss</c> of every token.</summary>
    public string Issuer { get; }

    /// <summary>
    /// A token for <paramref name="audience"/> (the service's DID, with an optional <c>#service</c> fragment) allowing
    /// only <paramref name="lexiconMethod"/> (the NSID called; null for a token not bound to one method).
    /// </summary>
    public string CreateToken(string audience, string? lexiconMethod, TimeSpan? lifetime = null)
    {
        if (!IsDidWithOptionalFragment(audience))
        {
            throw new ArgumentException("The audience must be a DID, with an optional #fragment", nameof(audience));
        }

        if (lexiconMethod is not null && !LexiconFormats.IsNsid(lexiconMethod))
        {
            throw new ArgumentException("The lexicon method must be an NSID", nameof(lexiconMethod));
        }

        var span = lifetime ?? TimeSpan.FromSeconds(60);
        if (span < TimeSpan.FromSeconds(1) || span > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A service token lives from a second to an hour");
        }

        var issuedAt = _time.GetUtcNow().ToUnixTimeSeconds();
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);

        var payload = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteNumber("iat"u8, issuedAt);
            json.WriteString("iss"u8, Issuer);
            json.WriteString("aud"u8, audience);
            json.WriteNumber("exp"u8, issuedAt + (long)span.TotalSeconds);
            if (lexiconMethod is not null)
            {
                json.WriteString("lxm"u8, lexiconMethod);
            }

            json.WriteString("jti"u8, Convert.ToHexStringLower(nonce));
            json.WriteEndObject();
        }

        var signingInput = new byte[_header.Length + 1 + Base64Url.GetEncodedLength(payload.WrittenCount)];
        _header.CopyTo(signingInput, 0);
        signingInput[_header.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload.WrittenSpan, signingInput.AsSpan(_header.Length + 1));
        var signature = Encode(_key.Sign(signingInput));
        return Encoding.ASCII.GetString(signingInput) + "." + Encoding.ASCII.GetString(signature);
    }

    private static byte[] Encode(byte[] data) => System.Buffers.Text.Base64Url.EncodeToUtf8(data);

    private static bool IsDidWithOptionalFragment(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var hash = value.IndexOf('#');
        return LexiconFormats.IsDid(hash < 0 ? value : value[..hash]) && (hash < 0 || hash < value.Length - 1);
    }
}
