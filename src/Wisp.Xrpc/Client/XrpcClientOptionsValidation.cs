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
    public static void ThrowIfInvalid(XrpcClientOptions options, Uri? httpClientAddress)
    {
        var failures = Failures(options, requireAddress: false).ToList();
        if (options.BaseAddress is null && httpClientAddress is not null && Address(httpClientAddress) is { } problem)
        {
            failures.Add("HttpClient.BaseAddress " + problem);
        }

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
        else if (Address(options.BaseAddress) is { } problem)
        {
            yield return "XrpcClientOptions.BaseAddress " + problem;
        }

        if (options.MaxJsonResponseSize <= 0 || options.MaxJsonResponseSize >= Array.MaxLength)
        {
            yield return $"XrpcClientOptions.MaxJsonResponseSize must be positive and less than {Array.MaxLength}";
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

            if (auth.Lifetime < TimeSpan.FromSeconds(1) || auth.Lifetime > TimeSpan.FromHours(1))
            {
                yield return "XrpcClientOptions.ServiceAuth.Lifetime must be from a second to an hour";
            }
        }
    }

    /// <summary>What is wrong with a service's address, or null: XRPC lives at <c>/xrpc/</c> of an origin, as @atproto/xrpc calls it, so a path would be dropped.</summary>
    private static string? Address(Uri address) =>
        !address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp) ? "must be an absolute http or https address"
        : address.AbsolutePath != "/" || address.Query.Length > 0 ? $"must be an origin (https://host[:port]): methods are called at /xrpc/ under it, so its path {address.AbsolutePath}{address.Query} would be dropped"
        : null;

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
