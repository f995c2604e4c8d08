namespace Wisp.Xrpc.Client;

/// <summary>Creates the XRPC clients registered with <c>services.AddXrpcClient(name, ...)</c>.</summary>
public interface IXrpcClientFactory
{
    /// <summary>
    /// A client for the registration <paramref name="name"/>. Cheap: IHttpClientFactory pools the handlers, so create
    /// one per use rather than keeping it. Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// when its options are invalid.
    /// </summary>
    XrpcClient CreateClient(string name);
}
