using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>Waiting, in tests, for what another task or process makes true.</summary>
internal static class Eventually
{
    /// <summary>Waits up to 30 s for <paramref name="condition"/>, then asserts it.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
