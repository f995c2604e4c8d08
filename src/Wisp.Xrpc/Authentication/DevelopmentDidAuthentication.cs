using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wisp.Xrpc.Authentication;
using Wisp.Xrpc.Hosting;
using Wisp.Xrpc.Validation;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the development-only DID scheme.</summary>
    public static class DevelopmentDidAuthenticationExtensions
    {
        /// <summary>
        /// DEVELOPMENT ONLY. Adds the <c>DevDid</c> scheme: a request with <c>Authorization: DevDid did:plc:...</c>
        /// is authenticated as that DID, with no proof at all, so that curl can call XRPC methods locally.
        /// Throws outside the Development environment, and its handler refuses every request there too.
        /// Production services use real authentication (atproto service auth, OAuth).
        /// </summary>
        public static AuthenticationBuilder AddWispDevelopmentDid(this AuthenticationBuilder builder, IHostEnvironment environment)
        {
            ArgumentNullException.ThrowIfNull(builder);
            ArgumentNullException.ThrowIfNull(environment);
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"The '{DevelopmentDidAuthenticationHandler.SchemeName}' scheme believes any DID a client names; it is refused outside the Development environment (this is '{environment.EnvironmentName}').");
            }

            return builder.AddScheme<AuthenticationSchemeOptions, DevelopmentDidAuthenticationHandler>(DevelopmentDidAuthenticationHandler.SchemeName, displayName: null, configureOptions: null);
        }
    }
}

namespace Wisp.Xrpc.Authentication
{
    /// <summary>
    /// DEVELOPMENT ONLY: authenticates <c>Authorization: DevDid &lt;did&gt;</c> as that DID without any proof.
    /// Registered by <c>AddWispDevelopmentDid</c>; refuses every request outside the Development environment.
    /// </summary>
    public sealed class DevelopmentDidAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        IHostEnvironment environment,
        IOptions<WispXrpcOptions> xrpcOptions)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        /// <summary>The scheme name, also the word before the DID in the Authorization header.</summary>
        public const string SchemeName = "DevDid";

        /// <inheritdoc />
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!environment.IsDevelopment())
            {
                return Task.FromResult(AuthenticateResult.Fail("The DevDid scheme only works in the Development environment."));
            }

            string? header = Request.Headers.Authorization;
            if (header is null || !header.StartsWith(SchemeName + " ", StringComparison.Ordinal))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var did = header[(SchemeName.Length + 1)..].Trim();
            if (!LexiconFormats.IsDid(did))
            {
                return Task.FromResult(AuthenticateResult.Fail("The DevDid credential is not a DID."));
            }

            var identity = new ClaimsIdentity([new Claim(xrpcOptions.Value.CallerDidClaimType, did)], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }

        /// <inheritdoc />
        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = 401;
            Response.Headers.WWWAuthenticate = SchemeName;
            return Task.CompletedTask;
        }
    }
}
