using Microsoft.AspNetCore.Http;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// One XRPC method ready to map: its <see cref="XrpcMethod"/> and the request delegate that serves it. Every
/// generated query and procedure has one (<c>GetFeedSkeleton.Endpoint</c>). <c>MapWispXrpc()</c> maps those of the
/// project's own lexicons; <c>MapXrpcMethods(...)</c> maps those of a referenced lexicon library, one by one.
/// </summary>
/// <param name="Method">The method.</param>
/// <param name="RequestDelegate">Serves it: validates, calls the registered handler (501 without one), writes the answer.</param>
public sealed record XrpcEndpoint(XrpcMethod Method, RequestDelegate RequestDelegate);
