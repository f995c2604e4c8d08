namespace Wisp.Xrpc.Hosting;

/// <summary>Registered by <c>AddWispXrpc()</c>, so that <c>MapWispXrpc()</c> can tell it was called.</summary>
internal sealed class XrpcServicesMarker;
