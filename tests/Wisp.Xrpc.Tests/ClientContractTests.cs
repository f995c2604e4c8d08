using System.Security.Cryptography;
using Wisp.Xrpc.Client;
using Wisp.Xrpc.Tests.Lexicons.Com.Example.Client;
using Xunit;

namespace Wisp.Xrpc.Tests;

/// <summary>
/// The generated client over real HTTP on loopback, against this project's server and against the reference server
/// (@atproto/xrpc-server) serving the same lexicons: the same calls, the same answers.
/// </summary>
public abstract class ClientContractTests
{
    protected abstract Uri Address { get; }

    protected XrpcClient Client(XrpcValidation validation = XrpcValidation.Strict) =>
        new(new HttpClient(), new XrpcClientOptions { BaseAddress = Address, Validation = validation });

    [Fact]
    public async Task Parameters_of_every_kind_arrive_as_sent()
    {
        var output = await GetThing.CallAsync(Client(), new()
        {
            Actor = "alice.test",
            Limit = 7,
            IncludeHidden = true,
            Sort = "top",
            Since = "2024-01-02T03:04:05.000Z",
            Note = "a b&c=d/é?#%+",
            Tags = ["x", "y z"],
            Ids = [1, -2, 3],
            Flags = [true, false],
        });

        Assert.Equal("alice.test", output.Actor);
        Assert.Equal(7, output.Limit);
        Assert.True(output.IncludeHidden);
        Assert.Equal("top", output.Sort);
        Assert.Equal("2024-01-02T03:04:05.000Z", output.Since);
        Assert.Equal("a b&c=d/é?#%+", output.Note);
        Assert.Equal(["x", "y z"], output.Tags);
        Assert.Equal([1L, -2L, 3L], output.Ids);
        Assert.Equal([true, false], output.Flags);
        var thing = Assert.IsType<GetThing.Thing>(output.Thing);
        Assert.Equal("widget", thing.Name);
    }

    [Fact]
    public async Task Absent_parameters_are_not_sent_and_the_default_applies()
    {
        var output = await GetThing.CallAsync(Client(), new() { Actor = "alice.test" });
        Assert.Equal(50, output.Limit);
        Assert.Null(output.IncludeHidden);
        Assert.Null(output.Sort);
        Assert.Empty(output.Tags);
    }

    [Fact]
    public async Task A_union_member_is_read_as_its_type()
    {
        var output = await GetThing.CallAsync(Client(), new() { Actor = "gadget.test" });
        Assert.Equal(7, Assert.IsType<GetThing.Gadget>(output.Thing).Serial);
    }

    [Fact]
    public async Task A_declared_error_arrives_with_its_name_status_and_message()
    {
        var error = await Assert.ThrowsAsync<XrpcException>(() => GetThing.CallAsync(Client(), new() { Actor = "missing.test" }));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("ThingNotFound", error.Error);
        Assert.Equal("no thing for missing.test", error.ErrorMessage);
        Assert.True(GetThing.Errors.IsThingNotFound(error));
        Assert.False(GetThing.Errors.IsThingHidden(error));

        var hidden = await Assert.ThrowsAsync<XrpcException>(() => GetThing.CallAsync(Client(), new() { Actor = "hidden.test" }));
        Assert.True(GetThing.Errors.IsThingHidden(hidden));
    }

    [Theory]
    [InlineData(0L, "alice.test", "Params/limit")]
    [InlineData(101L, "alice.test", "Params/limit")]
    [InlineData(5L, "not a handle!", "Params/actor")]
    public async Task Parameters_that_break_the_lexicon_are_never_sent(long limit, string actor, string path)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => GetThing.CallAsync(Client(), new() { Actor = actor, Limit = limit }));
        Assert.Contains(path, error.Message);
        Assert.IsType<Validation.LexiconValidationException>(error.InnerException);
    }

    [Fact]
    public async Task A_procedure_sends_json_and_parameters_and_reads_json()
    {
        var output = await PutThing.CallAsync(Client(), new() { DryRun = true }, new() { Name = "box", Count = 3, Labels = ["a"] });
        Assert.Equal("box", output.Name);
        Assert.Equal(3, output.Count);
        Assert.False(output.Stored);
        Assert.Equal(["a"], output.Labels);
    }

    [Fact]
    public async Task A_procedure_error_and_input_that_breaks_the_lexicon()
    {
        var swap = await Assert.ThrowsAsync<XrpcException>(() => PutThing.CallAsync(Client(), new(), new() { Name = "swap", Count = 1 }));
        Assert.True(PutThing.Errors.IsInvalidSwap(swap));
        Assert.Equal("swap failed", swap.ErrorMessage);

        var invalid = await Assert.ThrowsAsync<ArgumentException>(() => PutThing.CallAsync(Client(), new(), new() { Name = "far too long a name", Count = 1 }));
        Assert.Contains("Input/name", invalid.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => PutThing.CallAsync(Client(), new(), new() { Name = "ok", Count = 1001 }));
    }

    [Fact]
    public async Task A_raw_upload_is_streamed_with_its_type()
    {
        var bytes = new byte[3 * 1024 * 1024 + 17];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 11);
        }

        // A stream that cannot seek or tell its length: sent chunked, never buffered by the client.
        await using var blob = new XrpcBlob("image/png", new ForwardOnlyStream(bytes));
        var output = await UploadBlob.CallAsync(Client(), blob);
        Assert.Equal(bytes.Length, output.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), output.Sha256);
        Assert.Equal("image/png", output.MimeType);
    }

    [Fact]
    public async Task A_raw_download_is_a_stream_of_the_response()
    {
        const int size = 5 * 1024 * 1024 + 3;
        await using var blob = await GetBlob.CallAsync(Client(), new() { Size = size });
        Assert.Equal("application/octet-stream", blob.ContentType.Split(';')[0]);
        var buffer = new byte[65536];
        long position = 0;
        int read;
        while ((read = await blob.Content.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                Assert.Equal(ClientTestHandlers.BlobByte(position + i), buffer[i]);
            }

            position += read;
        }

        Assert.Equal(size, position);

        var missing = await Assert.ThrowsAsync<XrpcException>(() => GetBlob.CallAsync(Client(), new() { Size = 13 }));
        Assert.True(GetBlob.Errors.IsBlobNotFound(missing));
    }

    [Fact]
    public async Task A_procedure_without_input_or_output_sends_and_reads_no_body() =>
        await Touch.CallAsync(Client());

    [Fact]
    public async Task Cancellation_stops_a_call_and_a_download()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GetThing.CallAsync(Client(), new() { Actor = "alice.test" }, cancellationToken: new CancellationToken(true)));

        // The call's token reaches the download: cancelling it ends the stream, even for reads given no token.
        using var cancel = new CancellationTokenSource();
        await using var blob = await GetBlob.CallAsync(Client(), new() { Size = 64 * 1024 * 1024 }, cancellationToken: cancel.Token);
        var buffer = new byte[65536];
        await blob.Content.ReadExactlyAsync(buffer);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await blob.Content.ReadAsync(buffer) > 0)
            {
            }
        });
    }

    [Fact]
    public async Task A_method_the_service_does_not_have_is_MethodNotImplemented()
    {
        var error = await Assert.ThrowsAsync<XrpcException>(() => Lexicons.Com.Example.Test.Unhandled.CallAsync(Client(), new()));
        Assert.Equal(501, error.StatusCode);
        Assert.Equal("MethodNotImplemented", error.Error);
    }

    /// <summary>A stream that can only be read forwards, in small pieces.</summary>
    public sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 10_000), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The client against this project's server.</summary>
public sealed class WispServerClientTests(ServerFixture fixture) : ClientContractTests, IClassFixture<ServerFixture>
{
    protected override Uri Address => fixture.Server.Client.BaseAddress!;
}

/// <summary>The client against the reference server, and what only that server can send: output a newer or a broken lexicon would give.</summary>
public sealed class ReferenceServerClientTests(ReferenceServerFixture fixture) : ClientContractTests, IClassFixture<ReferenceServerFixture>
{
    protected override Uri Address => fixture.Address;

    [Fact]
    public async Task Output_from_a_newer_lexicon_is_refused_strictly_and_read_leniently()
    {
        var strict = await Assert.ThrowsAsync<XrpcException>(() => GetThing.CallAsync(Client(), new() { Actor = "newer.test" }));
        Assert.Equal(502, strict.StatusCode);
        Assert.Equal("InvalidResponse", strict.Error);
        Assert.Contains("Output/thing/name", strict.Message);

        var output = await GetThing.CallAsync(Client(XrpcValidation.Lenient), new() { Actor = "newer.test" });
        var thing = Assert.IsType<GetThing.Thing>(output.Thing);
        Assert.Equal("a name of 24 characters", thing.Name);
        Assert.Equal("purple", thing.Color);
        Assert.True(thing.ExtensionData!.ContainsKey("shade"));
        Assert.True(output.ExtensionData!.ContainsKey("addedLater"));

        // One call may ask for what the client does not do by default.
        var once = await GetThing.CallAsync(Client(), new() { Actor = "newer.test" }, new XrpcCallOptions { Validation = XrpcValidation.Lenient });
        Assert.Equal("purple", Assert.IsType<GetThing.Thing>(once.Thing).Color);
    }

    [Theory]
    [InlineData(XrpcValidation.Strict)]
    [InlineData(XrpcValidation.Lenient)]
    public async Task Output_of_the_wrong_type_is_refused_even_leniently(XrpcValidation validation)
    {
        var error = await Assert.ThrowsAsync<XrpcException>(() => GetThing.CallAsync(Client(validation), new() { Actor = "broken.test" }));
        Assert.Equal("InvalidResponse", error.Error);
        Assert.Contains("Output/limit", error.Message);
    }

    [Fact]
    public async Task A_member_of_an_open_union_the_lexicon_does_not_name_is_kept()
    {
        var output = await GetThing.CallAsync(Client(), new() { Actor = "other.test" });
        var unknown = Assert.IsType<GetThing.Output.IThing.Unknown>(output.Thing);
        Assert.Equal("com.example.client.getThing#unlisted", unknown.Type);
    }

    [Fact]
    public async Task A_service_auth_token_minted_per_call_is_accepted_by_the_reference_verifier()
    {
        var client = new XrpcClient(new HttpClient(), new XrpcClientOptions
        {
            BaseAddress = fixture.Address,
            ServiceAuth = new() { Issuer = ReferenceServerFixture.SignerDid, SigningKey = fixture.SignerKey, Audience = ReferenceServerFixture.ServiceDid },
        });
        for (var i = 0; i < 3; i++)
        {
            // A new token each time (a fresh jti): the reference does not refuse the second.
            Assert.Equal(ReferenceServerFixture.SignerDid, (await Whoami.CallAsync(client)).Did);
        }

        var wrongAudience = await Assert.ThrowsAsync<XrpcException>(() => Whoami.CallAsync(client, new XrpcCallOptions { ServiceAuthAudience = "did:web:elsewhere.test" }));
        Assert.Equal(401, wrongAudience.StatusCode);
    }
}
