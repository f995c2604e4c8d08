using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Test;

namespace Wisp.Xrpc.Tests;

/// <summary>Handlers for the test lexicons, registered the way a user registers theirs.</summary>
public static class TestHandlers
{
    public static void Register(IServiceCollection services)
    {
        services.AddScoped<Echo.IHandler, EchoHandler>();
        services.AddSingleton<Fire.IHandler, FireHandler>();
        services.AddSingleton<Tick.IHandler, TickHandler>();
    }

    private sealed class EchoHandler : Echo.IHandler
    {
        public ValueTask<Echo.Output> HandleAsync(Echo.Input input, XrpcCallContext context)
        {
            if (input.Text == "teapot")
            {
                throw Echo.Errors.Teapot("I'm a teapot");
            }

            return ValueTask.FromResult(new Echo.Output
            {
                Text = input.Text,
                Emoji = input.Emoji,
                Count = input.Count ?? 0,
                Flag = input.Flag,
                Tags = input.Tags,
                Kind = input.Kind,
                Handle = input.Handle,
                When = input.When,
                Note = input.Note,
            });
        }
    }

    public sealed class FireHandler : Fire.IHandler
    {
        public List<string> Fired { get; } = [];

        public ValueTask HandleAsync(Fire.Input input, XrpcCallContext context)
        {
            lock (Fired)
            {
                Fired.Add(input.Id);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class TickHandler : Tick.IHandler
    {
        private long _ticks;

        public ValueTask<Tick.Output> HandleAsync(XrpcCallContext context) =>
            ValueTask.FromResult(new Tick.Output { Ticks = Interlocked.Increment(ref _ticks) });
    }
}
