namespace Wisp.Xrpc.Tests;

/// <summary>One server shared by the tests of a class; tests use distinct names and DIDs so they do not meet.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync(TestHandlers.Register);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
