using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Wisp.Xrpc.Hosting;

namespace Wisp.Xrpc;

/// <summary>What a handler knows about the call besides its input: the caller, the HTTP context, cancellation.</summary>
public sealed class XrpcCallContext
{
    private readonly string _callerDidClaimType;
    private string? _callerDid;
    private bool _callerDidResolved;

    internal XrpcCallContext(HttpContext httpContext, XrpcMethod method, WispXrpcOptions options)
    {
        HttpContext = httpContext;
        Method = method;
        _callerDidClaimType = options.CallerDidClaimType;
    }

    /// <summary>The HTTP request being served.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The method being called.</summary>
    public XrpcMethod Method { get; }

    /// <summary>Signalled when the client goes away.</summary>
    public CancellationToken RequestAborted => HttpContext.RequestAborted;

    /// <summary>
    /// The DID of the authenticated caller: the <see cref="WispXrpcOptions.CallerDidClaimType"/> claim of an
    /// authenticated user, when it is a syntactically valid DID; otherwise null.
    /// </summary>
    public string? CallerDid
    {
        get
        {
            // Looked up once per call: the pipeline and the handler both ask.
            if (!_callerDidResolved)
            {
                _callerDid = FindCallerDid(HttpContext.User, _callerDidClaimType);
                _callerDidResolved = true;
            }

            return _callerDid;
        }
    }

    /// <summary>The caller's DID, or a 401 <c>AuthenticationRequired</c> error when there is none.</summary>
    public string RequireCallerDid() => CallerDid ?? throw XrpcException.AuthenticationRequired();

    internal static string? FindCallerDid(ClaimsPrincipal user, string claimType)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var value = user.FindFirst(claimType)?.Value;
        return value is not null && Validation.LexiconFormats.IsDid(value) ? value : null;
    }
}
