using Wisp.Xrpc.DataModel;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.Subscriptions;

/// <summary>
/// Turns an event stream's messages (its lexicon's message union) into frames and back, with the union's generated
/// reader and writer: what is read is validated as any lexicon object is, an open union keeps a type it does not know
/// as its <c>Unknown</c>. A member's <c>$type</c> becomes the header's <c>t</c> (short, <c>#commit</c>, for the stream's
/// own lexicon, as the reference writes it) and is not in the body.
/// </summary>
/// <typeparam name="TMessage">The message union's interface.</typeparam>
public sealed class XrpcMessageCodec<TMessage>
    where TMessage : class
{
    private readonly LexiconValueWriter<CborLexiconWriter, TMessage> _write;
    private readonly LexiconValueReader<CborLexiconReader, TMessage> _read;
    private readonly string _prefix;

    /// <summary>Creates the codec of the stream <paramref name="nsid"/> (generated code does, as the lexicon class's <c>MessageCodec</c>).</summary>
    public XrpcMessageCodec(string nsid, LexiconValueWriter<CborLexiconWriter, TMessage> write, LexiconValueReader<CborLexiconReader, TMessage> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(nsid);
        Nsid = nsid;
        _write = write ?? throw new ArgumentNullException(nameof(write));
        _read = read ?? throw new ArgumentNullException(nameof(read));
        _prefix = nsid + "#";
    }

    /// <summary>The stream's NSID.</summary>
    public string Nsid { get; }

    /// <summary>The message as a frame's type and body.</summary>
    public (string? Type, DataModelValue Body) ToFrameParts(TMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var value = DagCbor.Decode(LexiconCbor.Write(message, _write));
        if (value.Kind != DataModelKind.Map || value["$type"] is not { Kind: DataModelKind.String } type)
        {
            return (null, value);
        }

        var body = DataModelValue.Map(value.Entries.Where(e => e.Key != "$type"));
        var t = type.StringValue;
        return (t.StartsWith(_prefix, StringComparison.Ordinal) ? t[Nsid.Length..] : t, body);
    }

    /// <summary>The message as a frame.</summary>
    public byte[] Encode(TMessage message)
    {
        var (type, body) = ToFrameParts(message);
        return XrpcFrame.Message(type, body);
    }

    /// <summary>
    /// Reads a message frame's body as the message union, its <c>$type</c> from <c>t</c>. Throws
    /// <see cref="Validation.LexiconValidationException"/> when it breaks the lexicon.
    /// </summary>
    public TMessage Decode(XrpcFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.IsError)
        {
            throw new ArgumentException("An error frame is not a message", nameof(frame));
        }

        // The body is read as it came, its $type taken from the header's t (a $type in the body itself is not looked at).
        var type = frame.Type is null ? null : frame.Type.StartsWith('#') ? Nsid + frame.Type : frame.Type;
        var body = frame.EncodedBody.IsEmpty ? DagCbor.Encode(frame.Body) : frame.EncodedBody;
        return LexiconCbor.Read(body, "Message", _read, DagCbor.DefaultMaxDepth, type);
    }
}
