using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Repository;

/// <summary>Writes CAR v1 to a stream: the header, then blocks, each as it comes (nothing is held in memory).</summary>
public sealed class CarWriter
{
    private readonly Stream _stream;

    private CarWriter(Stream stream) => _stream = stream;

    /// <summary>Writes the header <c>{"version": 1, "roots": [...]}</c>.</summary>
    public static async Task<CarWriter> CreateAsync(Stream stream, IReadOnlyList<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = DataModelValue.Map([
            new("roots", DataModelValue.Array(roots.Select(DataModelValue.Link))),
            new("version", DataModelValue.Integer(1)),
        ]).ToDagCbor();
        var writer = new CarWriter(stream);
        await writer.WriteSectionAsync(header, ReadOnlyMemory<byte>.Empty, cancellationToken);
        return writer;
    }

    /// <summary>Writes one block. <paramref name="cid"/> must be the CID of <paramref name="data"/>; it is checked.</summary>
    public Task WriteBlockAsync(Cid cid, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var expected = cid.Codec == Cid.RawCodec ? Cid.ForRaw(data.Span) : Cid.ForDagCbor(data.Span);
        if (expected != cid)
        {
            throw new ArgumentException($"The data does not hash to {cid}.", nameof(data));
        }

        return WriteSectionAsync(cid.Span.ToArray(), data, cancellationToken);
    }

    private async Task WriteSectionAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, CancellationToken cancellationToken)
    {
        var varint = new byte[10];
        var length = (ulong)(first.Length + second.Length);
        var n = 0;
        do
        {
            var b = (byte)(length & 0x7f);
            length >>= 7;
            varint[n++] = length == 0 ? b : (byte)(b | 0x80);
        }
        while (length != 0);

        await _stream.WriteAsync(varint.AsMemory(0, n), cancellationToken);
        await _stream.WriteAsync(first, cancellationToken);
        await _stream.WriteAsync(second, cancellationToken);
    }
}
