using System.Buffers;
using System.Formats.Cbor;
using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Subscriptions;

/// <summary>
/// One frame of an event stream (atproto.com/specs/event-stream): a DAG-CBOR header, then a DAG-CBOR body, in one
/// WebSocket binary message. A message frame's header is <c>{"op": 1, "t": "#commit"}</c> (the type in short form when
/// it is the stream's own lexicon); an error frame's is <c>{"op": -1}</c> with the body <c>{"error", "message"}</c>.
/// </summary>
/// <remarks>
/// A parsed message frame keeps its body's bytes and decodes them only when <see cref="Body"/> is asked for: a typed
/// consumer reads the message straight from <see cref="EncodedBody"/> (<see cref="XrpcMessageCodec{TMessage}"/>), and
/// <see cref="Seq"/> is found without decoding the rest.
/// </remarks>
public sealed class XrpcFrame
{
    private DataModelValue? _body;

    /// <summary>A frame with the given header and body.</summary>
    /// <param name="op">1 for a message, -1 for an error.</param>
    /// <param name="type">The message's type (<c>t</c>), or null (an error frame, or a message without one).</param>
    /// <param name="body">The body.</param>
    public XrpcFrame(int op, string? type, DataModelValue body)
    {
        Op = op;
        Type = type;
        _body = body ?? throw new ArgumentNullException(nameof(body));
    }

    private XrpcFrame(int op, string? type, ReadOnlyMemory<byte> encodedBody, DataModelValue? body)
    {
        Op = op;
        Type = type;
        EncodedBody = encodedBody;
        _body = body;
    }

    /// <summary>1 for a message, -1 for an error.</summary>
    public int Op { get; }

    /// <summary>The message's type (<c>t</c>), or null (an error frame, or a message without one).</summary>
    public string? Type { get; }

    /// <summary>The body, decoded strictly on first use (a <see cref="DagCborException"/> when it is not DAG-CBOR).</summary>
    public DataModelValue Body => _body ??= DagCbor.Decode(EncodedBody);

    /// <summary>The body as it was read (<see cref="Parse"/>), so that it can be read into a type without decoding it twice; empty for a frame made otherwise.</summary>
    public ReadOnlyMemory<byte> EncodedBody { get; }

    /// <summary>The header's <c>op</c> of a message.</summary>
    public const int MessageOp = 1;

    /// <summary>The header's <c>op</c> of an error.</summary>
    public const int ErrorOp = -1;

    /// <summary>True for an error frame.</summary>
    public bool IsError => Op == ErrorOp;

    /// <summary>An error frame's <c>error</c>.</summary>
    public string? Error => IsError && Body["error"] is { Kind: DataModelKind.String } e ? e.StringValue : null;

    /// <summary>An error frame's <c>message</c>.</summary>
    public string? ErrorMessage => IsError && Body["message"] is { Kind: DataModelKind.String } m ? m.StringValue : null;

    /// <summary>Encodes a message frame.</summary>
    public static byte[] Message(string? type, DataModelValue body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var writer = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: true);

        // Keys in DAG-CBOR order: "t" before "op" (shorter first).
        writer.WriteStartMap(type is null ? 1 : 2);
        if (type is not null)
        {
            writer.WriteTextString("t");
            writer.WriteTextString(type);
        }

        writer.WriteTextString("op");
        writer.WriteInt32(MessageOp);
        writer.WriteEndMap();
        DagCbor.Write(writer, body);
        return writer.Encode();
    }

    /// <summary>Encodes an error frame.</summary>
    public static byte[] ErrorFrame(string error, string? message)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        var writer = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: true);
        writer.WriteStartMap(1);
        writer.WriteTextString("op");
        writer.WriteInt32(ErrorOp);
        writer.WriteEndMap();
        writer.WriteStartMap(message is null ? 1 : 2);
        writer.WriteTextString("error");
        writer.WriteTextString(error);
        if (message is not null)
        {
            writer.WriteTextString("message");
            writer.WriteTextString(message);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>
    /// The body's integer <c>seq</c> (an event's number, a consumer's cursor), or null when it has none; read from the
    /// encoded body without decoding the rest of it.
    /// </summary>
    public long? Seq
    {
        get
        {
            if (_body is not null || EncodedBody.IsEmpty)
            {
                return Body["seq"] is { Kind: DataModelKind.Integer } seq ? seq.IntegerValue : null;
            }

            try
            {
                var reader = new CborReader(EncodedBody, CborConformanceMode.Lax);
                var count = reader.ReadStartMap() ?? int.MaxValue;
                for (var i = 0; i < count && reader.PeekState() == CborReaderState.TextString; i++)
                {
                    if (reader.ReadDefiniteLengthTextStringBytes().Span.SequenceEqual("seq"u8))
                    {
                        return reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger ? reader.ReadInt64() : null;
                    }

                    reader.SkipValue(disableConformanceModeChecks: true);
                }

                return null;
            }
            catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException)
            {
                throw new DagCborException("Not valid DAG-CBOR: " + e.Message, 0, e);
            }
        }
    }

    /// <summary>
    /// Reads a frame: a DAG-CBOR header map with an integer <c>op</c> of 1 or -1 (and a string <c>t</c> when present),
    /// then a body map and nothing after it. The header and an error frame's body are decoded here; a message's body
    /// only when it is read (strictly, then). Anything else is a <see cref="DagCborException"/>.
    /// </summary>
    public static XrpcFrame Parse(ReadOnlyMemory<byte> bytes)
    {
        var header = DagCbor.DecodeFirst(bytes, out var consumed);
        if (consumed >= bytes.Length)
        {
            throw new DagCborException("The frame has a header and no body", consumed);
        }

        if (header.Kind != DataModelKind.Map || header["op"] is not { Kind: DataModelKind.Integer } op || op.IntegerValue is not (MessageOp or ErrorOp))
        {
            throw new DagCborException("The frame header is not a map with op 1 or -1", 0);
        }

        string? type = null;
        if (header["t"] is { } t)
        {
            type = t.Kind == DataModelKind.String ? t.StringValue : throw new DagCborException("The frame header's t is not a string", 0);
        }

        // A map's first byte is of major type 5; the rest is checked when the body is decoded.
        var body = bytes[consumed..];
        if (body.Span[0] >> 5 != 5)
        {
            throw new DagCborException("The frame body is not a map", consumed);
        }

        if (op.IntegerValue == ErrorOp)
        {
            var decoded = DagCbor.Decode(body);
            return decoded["error"] is { Kind: DataModelKind.String }
                ? new XrpcFrame(ErrorOp, type, body, decoded)
                : throw new DagCborException("The error frame's body has no error string", consumed);
        }

        return new XrpcFrame(MessageOp, type, body, null);
    }
}
