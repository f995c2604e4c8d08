using Microsoft.Extensions.Options;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Client;

/// <summary>Checks <see cref="XrpcClientOptions"/>: each failure names the option and what it must be.</summary>
internal sealed class XrpcClientOptionsValidation : IValidateOptions<XrpcClientOptions>
{
    public ValidateOptionsResult Validate(string? name, XrpcClientOptions options)
    {
        var failures = Failures(options, requireAddress: true).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>For a client created by hand: the address may come from its HttpClient.</summary>
    public static void ThrowIfInvalid(XrpcClientOptions options)
    {
        var failures = Failures(options, requireAddress: false).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(XrpcClientOptions), failures);
        }
    }

    private static IEnumerable<string> Failures(XrpcClientOptions options, bool requireAddress)
    {
        if (options.BaseAddress is null)
        {
            if (requireAddress)
            {
                yield return "XrpcClientOptions.BaseAddress is required: the service's origin, such as https://api.bsky.app";
            }
        }
        else if (!options.BaseAddress.IsAbsoluteUri || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            yield return "XrpcClientOptions.BaseAddress must be an absolute http or https address";
        }

        if (options.MaxJsonResponseSize <= 0)
        {
            yield return "XrpcClientOptions.MaxJsonResponseSize must be positive";
        }

        if (options.AtprotoProxy is { } proxy && !IsServiceReference(proxy, requireFragment: true))
        {
            yield return "XrpcClientOptions.AtprotoProxy must be a DID and a service fragment, such as did:web:api.bsky.app#bsky_appview";
        }

        foreach (var labeler in options.AcceptLabelers)
        {
            if (labeler is null || !LexiconFormats.IsDid(labeler.Did))
            {
                yield return "XrpcClientOptions.AcceptLabelers must hold labeler DIDs";
            }
        }

        if (options.ServiceAuth is { } auth)
        {
            if (!IsServiceReference(auth.Issuer, requireFragment: false))
            {
                yield return "XrpcClientOptions.ServiceAuth.Issuer must be a DID (with an optional #fragment)";
            }

            if (auth.SigningKey is null)
            {
                yield return "XrpcClientOptions.ServiceAuth.SigningKey is required (AtprotoSigningKey.Parse reads multibase, hex or PEM)";
            }

            if (!IsServiceReference(auth.Audience, requireFragment: false))
            {
                yield return "XrpcClientOptions.ServiceAuth.Audience must be the service's DID (with an optional #fragment)";
            }

            if (auth.Lifetime <= TimeSpan.Zero || auth.Lifetime > TimeSpan.FromHours(1))
            {
                yield return "XrpcClientOptions.ServiceAuth.Lifetime must be more than zero and at most an hour";
            }
        }
    }

    private static bool IsServiceReference(string? value, bool requireFragment)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var hash = value.IndexOf('#');
        if (hash < 0)
        {
            return !requireFragment && LexiconFormats.IsDid(value);
        }

        return hash < value.Length - 1 && LexiconFormats.IsDid(value[..hash]);
    }
}
