using System.Buffers;
using System.Formats.Cbor;
using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Subscriptions;

/// <summary>
/// One frame of an event stream (atproto.com/specs/event-stream): a DAG-CBOR header, then a DAG-CBOR body, in one
/// WebSocket binary message. A message frame's header is <c>{"op": 1, "t": "#commit"}</c> (the type in short form when
/// it is the stream's own lexicon); an error frame's is <c>{"op": -1}</c> with the body <c>{"error", "message"}</c>.
/// </summary>
/// <param name="Op">1 for a message, -1 for an error.</param>
/// <param name="Type">The message's type (<c>t</c>), or null (an error frame, or a message without one).</param>
/// <param name="Body">The body.</param>
public sealed record XrpcFrame(int Op, string? Type, DataModelValue Body)
{
    /// <summary>The header's <c>op</c> of a message.</summary>
    public const int MessageOp = 1;

    /// <summary>The header's <c>op</c> of an error.</summary>
    public const int ErrorOp = -1;

    /// <summary>The body as it was read (<see cref="Parse"/>), so that it can be read again into a type without encoding it anew; empty for a frame made otherwise.</summary>
    public ReadOnlyMemory<byte> EncodedBody { get; init; }

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
    /// Reads a frame: exactly two DAG-CBOR values, a header map with an integer <c>op</c> of 1 or -1 (and a string
    /// <c>t</c> when present), then a body map. Anything else is a <see cref="DagCborException"/>.
    /// </summary>
    public static XrpcFrame Parse(ReadOnlyMemory<byte> bytes)
    {
        var header = DagCbor.DecodeFirst(bytes, out var consumed);
        if (consumed >= bytes.Length)
        {
            throw new DagCborException("The frame has a header and no body", consumed);
        }

        var body = DagCbor.Decode(bytes[consumed..]);
        if (header.Kind != DataModelKind.Map || header["op"] is not { Kind: DataModelKind.Integer } op || op.IntegerValue is not (MessageOp or ErrorOp))
        {
            throw new DagCborException("The frame header is not a map with op 1 or -1", 0);
        }

        string? type = null;
        if (header["t"] is { } t)
        {
            type = t.Kind == DataModelKind.String ? t.StringValue : throw new DagCborException("The frame header's t is not a string", 0);
        }

        if (body.Kind != DataModelKind.Map)
        {
            throw new DagCborException("The frame body is not a map", consumed);
        }

        if (op.IntegerValue == ErrorOp && body["error"] is not { Kind: DataModelKind.String })
        {
            throw new DagCborException("The error frame's body has no error string", consumed);
        }

        return new XrpcFrame((int)op.IntegerValue, type, body) { EncodedBody = bytes[consumed..] };
    }
}
