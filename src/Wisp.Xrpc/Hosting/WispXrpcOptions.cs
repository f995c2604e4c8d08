using System.Security.Claims;

namespace Wisp.Xrpc.Hosting;

/// <summary>Options of the XRPC endpoints, set with <c>AddWispXrpc(options => ...)</c>.</summary>
public sealed class WispXrpcOptions
{
    /// <summary>
    /// The claim of the authenticated user that holds the caller's DID. Any ASP.NET Core authentication scheme
    /// can supply it. Default: <see cref="ClaimTypes.NameIdentifier"/> (where JWT bearer maps <c>sub</c>).
    /// </summary>
    public string CallerDidClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>
    /// The largest JSON request body accepted, in bytes; larger bodies are answered 413 <c>PayloadTooLarge</c>.
    /// Default: 100 KiB, the JSON body limit of @atproto/xrpc-server.
    /// </summary>
    public long MaxJsonRequestBodySize { get; set; } = 100 * 1024;

    /// <summary>
    /// Validate every handler's output against the lexicon before sending it; a violation is answered 500 and
    /// logged. Null (the default) means on in the Development environment and off elsewhere.
    /// </summary>
    public bool? ValidateOutput { get; set; }

    /// <summary>
    /// The largest non-JSON request body accepted (blob uploads and other raw encodings), in bytes.
    /// Default: 5 MiB, the blob limit of @atproto/xrpc-server.
    /// </summary>
    public long MaxRawRequestBodySize { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// The most bytes of frames an event-stream connection holds waiting to be sent. When it is full the connection's
    /// stream waits for its consumer (each connection reads its source on its own, so no other consumer is slowed).
    /// Default: 8 MiB.
    /// </summary>
    public long MaxSubscriptionBufferSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// How long a consumer may leave its full send buffer untouched: one that takes nothing from it for longer gets the
    /// error frame <c>ConsumerTooSlow</c> and is disconnected. Default: 30 seconds.
    /// </summary>
    public TimeSpan MaxSubscriptionStall { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a stream that is closing (a slow consumer, a failure, shutdown) may take to deliver its last frame and
    /// close; then the connection is cut. Default: 5 seconds.
    /// </summary>
    public TimeSpan SubscriptionCloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
