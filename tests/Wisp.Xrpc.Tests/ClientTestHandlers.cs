using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Client;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// This project's handlers of the client tests' lexicons (tests/reference/lexicons), answering exactly as the reference
/// server in tests/reference/server.mjs does, so one set of client tests runs against both.
/// </summary>
public static class ClientTestHandlers
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<GetThing.IHandler, GetThingHandler>();
        services.AddSingleton<PutThing.IHandler, PutThingHandler>();
        services.AddSingleton<UploadBlob.IHandler, UploadBlobHandler>();
        services.AddSingleton<GetBlob.IHandler, GetBlobHandler>();
        services.AddSingleton<Touch.IHandler, TouchHandler>();
        services.AddSingleton<Whoami.IHandler, WhoamiHandler>();
    }

    /// <summary>Byte <paramref name="index"/> of getBlob's answer.</summary>
    public static byte BlobByte(long index) => (byte)((index * 7 + 3) % 256);

    private sealed class GetThingHandler : GetThing.IHandler
    {
        public ValueTask<GetThing.Output> HandleAsync(GetThing.Params parameters, XrpcCallContext context)
        {
            GetThing.Output.IThing thing = parameters.Actor switch
            {
                "missing.test" => throw GetThing.Errors.ThingNotFound("no thing for missing.test"),
                "hidden.test" => throw GetThing.Errors.ThingHidden(),
                "gadget.test" => new GetThing.Gadget { Serial = 7 },
                _ => new GetThing.Thing { Name = "widget", Color = "red" },
            };
            return ValueTask.FromResult(new GetThing.Output
            {
                Actor = parameters.Actor,
                Limit = parameters.Limit ?? 50,
                IncludeHidden = parameters.IncludeHidden,
                Sort = parameters.Sort,
                Since = parameters.Since,
                Note = parameters.Note,
                Tags = parameters.Tags ?? [],
                Ids = parameters.Ids ?? [],
                Flags = parameters.Flags ?? [],
                Thing = thing,
            });
        }
    }

    private sealed class PutThingHandler : PutThing.IHandler
    {
        public ValueTask<PutThing.Output> HandleAsync(PutThing.Params parameters, PutThing.Input input, XrpcCallContext context) =>
            input.Name == "swap"
                ? throw PutThing.Errors.InvalidSwap("swap failed")
                : ValueTask.FromResult(new PutThing.Output { Name = input.Name, Count = input.Count, Stored = parameters.DryRun != true, Labels = input.Labels ?? [] });
    }

    private sealed class UploadBlobHandler : UploadBlob.IHandler
    {
        public async ValueTask<UploadBlob.Output> HandleAsync(XrpcBlob input, XrpcCallContext context)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await input.Content.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                size += read;
            }

            return new UploadBlob.Output { Size = size, Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()), MimeType = input.ContentType };
        }
    }

    private sealed class GetBlobHandler : GetBlob.IHandler
    {
        public ValueTask<XrpcBlob> HandleAsync(GetBlob.Params parameters, XrpcCallContext context) =>
            parameters.Size == 13
                ? throw GetBlob.Errors.BlobNotFound()
                : ValueTask.FromResult(new XrpcBlob("application/octet-stream", new PatternStream(parameters.Size), parameters.Size));
    }

    private sealed class TouchHandler : Touch.IHandler
    {
        public ValueTask HandleAsync(XrpcCallContext context) => ValueTask.CompletedTask;
    }

    private sealed class WhoamiHandler : Whoami.IHandler
    {
        public ValueTask<Whoami.Output> HandleAsync(XrpcCallContext context) =>
            ValueTask.FromResult(new Whoami.Output { Did = context.RequireCallerDid() });
    }

    /// <summary>getBlob's bytes, made as they are read: a large answer is never in memory.</summary>
    public sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[i] = BlobByte(_position + i);
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
