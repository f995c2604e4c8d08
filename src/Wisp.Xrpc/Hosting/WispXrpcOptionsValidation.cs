using Microsoft.Extensions.Options;
using Wisp.Xrpc.ServiceAuth;
using Wisp.Xrpc.Validation;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Checks the package's options once, at start-up (<c>ValidateOnStart</c>), so a wrong setting stops the app with
/// a message naming it instead of failing requests later. Hand-written rather than data annotations: no reflection,
/// Native AOT clean.
/// </summary>
internal sealed class WispXrpcOptionsValidation :
    IValidateOptions<WispXrpcOptions>,
    IValidateOptions<DidResolverOptions>,
    IValidateOptions<AtprotoServiceAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, WispXrpcOptions options) => Result(
        string.IsNullOrWhiteSpace(options.CallerDidClaimType) ? "WispXrpcOptions.CallerDidClaimType must name a claim" : null,
        options.MaxJsonRequestBodySize <= 0 ? $"WispXrpcOptions.MaxJsonRequestBodySize must be positive, not {options.MaxJsonRequestBodySize}" : null,
        options.MaxRawRequestBodySize <= 0 ? $"WispXrpcOptions.MaxRawRequestBodySize must be positive, not {options.MaxRawRequestBodySize}" : null,
        options.MaxSubscriptionBufferSize <= 0 ? $"WispXrpcOptions.MaxSubscriptionBufferSize must be positive, not {options.MaxSubscriptionBufferSize}" : null,
        options.SubscriptionCloseTimeout <= TimeSpan.Zero ? $"WispXrpcOptions.SubscriptionCloseTimeout must be positive, not {options.SubscriptionCloseTimeout}" : null,
        options.MaxSubscriptionStall <= TimeSpan.Zero ? $"WispXrpcOptions.MaxSubscriptionStall must be positive, not {options.MaxSubscriptionStall}" : null);

    public ValidateOptionsResult Validate(string? name, DidResolverOptions options) => Result(
        options.PlcDirectory is not { IsAbsoluteUri: true, Scheme: "https" or "http" } ? "DidResolverOptions.PlcDirectory must be an absolute http(s) URL" : null,
        options.Timeout <= TimeSpan.Zero ? $"DidResolverOptions.Timeout must be positive, not {options.Timeout}" : null,
        options.CacheDuration < TimeSpan.Zero ? $"DidResolverOptions.CacheDuration must not be negative, not {options.CacheDuration}" : null,
        options.MaxDocumentSize <= 0 ? $"DidResolverOptions.MaxDocumentSize must be positive, not {options.MaxDocumentSize}" : null);

    public ValidateOptionsResult Validate(string? name, AtprotoServiceAuthOptions options) => Result(
        !LexiconFormats.IsDid(options.ServiceDid) ? $"AtprotoServiceAuthOptions.ServiceDid (scheme {name}) must be this service's DID, e.g. did:web:api.example.com; it is '{options.ServiceDid}'" : null,
        options.ClockSkew < TimeSpan.Zero ? $"AtprotoServiceAuthOptions.ClockSkew must not be negative, not {options.ClockSkew}" : null,
        options.MaxTokenAge <= TimeSpan.Zero ? $"AtprotoServiceAuthOptions.MaxTokenAge must be positive, not {options.MaxTokenAge}" : null,
        options.ReplayCacheSize <= 0 ? $"AtprotoServiceAuthOptions.ReplayCacheSize must be positive, not {options.ReplayCacheSize}" : null);

    private static ValidateOptionsResult Result(params string?[] failures)
    {
        var found = Array.FindAll(failures, f => f is not null);
        return found.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found!);
    }
}
