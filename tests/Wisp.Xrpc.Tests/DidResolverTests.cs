using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.ServiceAuth;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// did:web names its own host, so a forged <c>iss</c> must not make the server fetch from its own network: outside
/// Development, non-public addresses are refused at connect time, unless allowed by name.
/// </summary>
public sealed class DidResolverTests(ServiceAuthFixture fixture) : IClassFixture<ServiceAuthFixture>
{
    [Fact]
    public async Task Loopback_did_web_is_refused_outside_development_even_through_a_host_name()
    {
        var resolver = Resolver(allowPrivate: false);
        var before = fixture.DocumentFetches;
        var port = new Uri(fixture.IdentityAddress).Port;

        Assert.Null(await resolver.ResolveSigningKeyAsync(fixture.WebAccount.Did, "atproto", bypassCache: true, CancellationToken.None)); // localhost:port
        Assert.Null(await resolver.ResolveSigningKeyAsync($"did:web:127.0.0.1%3A{port}", "atproto", bypassCache: true, CancellationToken.None));
        Assert.Equal(before, fixture.DocumentFetches);
    }

    [Theory]
    [InlineData("did:web:10.1.2.3")]
    [InlineData("did:web:192.168.0.1")]
    [InlineData("did:web:169.254.169.254")]
    [InlineData("did:web:0.0.0.0")]
    public async Task Private_and_link_local_addresses_are_refused_without_a_connection(string did)
    {
        var resolver = Resolver(allowPrivate: false);
        var clock = Stopwatch.StartNew();
        Assert.Null(await resolver.ResolveSigningKeyAsync(did, "atproto", bypassCache: true, CancellationToken.None));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{clock.Elapsed}: refused before connecting, not timed out");
    }

    [Fact]
    public async Task An_allow_listed_host_or_development_resolves_loopback()
    {
        Assert.NotNull(await Resolver(allowPrivate: false, allow: "localhost").ResolveSigningKeyAsync(fixture.WebAccount.Did, "atproto", bypassCache: true, CancellationToken.None));
        Assert.NotNull(await Resolver(allowPrivate: true).ResolveSigningKeyAsync(fixture.WebAccount.Did, "atproto", bypassCache: true, CancellationToken.None));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    public void Public_addresses_are_told_from_the_others(string address, bool isPublic) =>
        Assert.Equal(isPublic, DidResolver.IsPublic(IPAddress.Parse(address)));

    private IDidResolver Resolver(bool allowPrivate, string? allow = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthentication().AddAtprotoServiceAuth(
            o => o.ServiceDid = ServiceAuthFixture.ServiceDid,
            r =>
            {
                r.PlcDirectory = new Uri("https://plc.invalid");
                r.DidWebUseHttp = true;
                r.AllowPrivateAddresses = allowPrivate;
                if (allow is not null)
                {
                    r.PrivateAddressAllowList.Add(allow);
                }
            });
        return services.BuildServiceProvider().GetRequiredService<IDidResolver>();
    }
}
