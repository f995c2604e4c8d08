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
        services.AddXrpcHandler<Upload.IHandler, UploadHandler>();
        services.AddXrpcHandler<SetAvatar.IHandler, SetAvatarHandler>();
        services.AddXrpcHandler<Download.IHandler, DownloadHandler>();
        ClientTestHandlers.Register(services);
        SubscriptionTestHandlers.Register(services);
    }

    private sealed class UploadHandler : Upload.IHandler
    {
        public async ValueTask<Upload.Output> HandleAsync(XrpcBlob input, XrpcCallContext context)
        {
            long size = 0;
            var buffer = new byte[8192];
            int read;
            while ((read = await input.Content.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                size += read;
            }

            return new Upload.Output { Size = size, MimeType = input.ContentType };
        }
    }

    private sealed class SetAvatarHandler : SetAvatar.IHandler
    {
        public ValueTask HandleAsync(XrpcBlob input, XrpcCallContext context) => ValueTask.CompletedTask;
    }

    private sealed class DownloadHandler : Download.IHandler
    {
        public ValueTask<XrpcBlob> HandleAsync(Download.Params parameters, XrpcCallContext context)
        {
            context.HttpContext.Response.Headers["X-Params"] =
                $"{parameters.Size}|{string.Join(',', parameters.Tags ?? [])}|{parameters.Flag}|{parameters.Label}";
            var bytes = new byte[parameters.Size];
            Array.Fill(bytes, (byte)'a');
            return ValueTask.FromResult(new XrpcBlob("application/octet-stream", new MemoryStream(bytes), bytes.Length));
        }
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
                Extra = input.Extra,
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
