using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Repository;

/// <summary>One block of a CAR file: its CID and its bytes (already checked to hash to the CID).</summary>
public readonly record struct CarBlock(Cid Cid, ReadOnlyMemory<byte> Data);

/// <summary>A CAR file read whole from memory: its roots and its blocks, which are slices of the input.</summary>
public sealed record CarContents(IReadOnlyList<Cid> Roots, IReadOnlyList<CarBlock> Blocks);

/// <summary>Limits of a <see cref="CarReader"/>, so a hostile file cannot make it allocate without bound.</summary>
public sealed class CarReaderOptions
{
    /// <summary>The largest header (DAG-CBOR <c>{version, roots}</c>). Default: 64 KiB.</summary>
    public int MaxHeaderSize { get; init; } = 64 * 1024;

    /// <summary>The largest block. Default: 2 MiB (larger than any record or MST node the reference writes).</summary>
    public int MaxBlockSize { get; init; } = 2 * 1024 * 1024;
}

/// <summary>
/// Reads CAR v1 (ipld.io/specs/transport/car/carv1) from a stream, a block at a time: memory is one block, however
/// large the file. The header must be <c>{"version": 1, "roots": [links]}</c>; every block's CID must be one
/// AT Protocol uses (CIDv1, dag-cbor or raw, SHA-256) and is checked against the block's bytes as it is read.
/// Lengths are minimal unsigned varints, bounded by <see cref="CarReaderOptions"/>. Any problem is a
/// <see cref="RepositoryFormatException"/>; a stream that ends between blocks is the end of the file.
/// </summary>
public sealed class CarReader
{
    private readonly Stream _stream;
    private readonly CarReaderOptions _options;
    private readonly byte[] _varint = new byte[1];

    private CarReader(Stream stream, CarReaderOptions options, IReadOnlyList<Cid> roots)
    {
        _stream = stream;
        _options = options;
        Roots = roots;
    }

    /// <summary>The header's roots (a repository export has one: the commit).</summary>
    public IReadOnlyList<Cid> Roots { get; }

    /// <summary>Reads the header; the stream is then at the first block.</summary>
    public static async Task<CarReader> OpenAsync(Stream stream, CarReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new CarReaderOptions();
        var length = await ReadVarintAsync(stream, new byte[1], cancellationToken) ?? throw new RepositoryFormatException("The CAR file is empty");
        if (length == 0 || length > (ulong)options.MaxHeaderSize)
        {
            throw new RepositoryFormatException($"The CAR header is {length} bytes; at most {options.MaxHeaderSize}");
        }

        var bytes = new byte[(int)length];
        await ReadExactlyAsync(stream, bytes, "the header", cancellationToken);
        return new CarReader(stream, options, ReadHeader(bytes));
    }

    /// <summary>
    /// Reads a CAR file that is already in memory (an event's <c>blocks</c>, a getRecord response) with the same checks,
    /// synchronously and without copying: the blocks are slices of <paramref name="car"/>.
    /// </summary>
    public static CarContents Parse(ReadOnlyMemory<byte> car, CarReaderOptions? options = null)
    {
        options ??= new CarReaderOptions();
        var at = 0;
        var headerLength = ReadVarint(car.Span, ref at) ?? throw new RepositoryFormatException("The CAR file is empty");
        if (headerLength == 0 || headerLength > (ulong)options.MaxHeaderSize || headerLength > (ulong)(car.Length - at))
        {
            throw new RepositoryFormatException($"The CAR header is {headerLength} bytes; at most {Math.Min(options.MaxHeaderSize, car.Length - at)}");
        }

        var roots = ReadHeader(car.Slice(at, (int)headerLength));
        at += (int)headerLength;
        var blocks = new List<CarBlock>();
        while (ReadVarint(car.Span, ref at) is { } length)
        {
            if (length < Cid.Length || length > (ulong)(options.MaxBlockSize + Cid.Length) || length > (ulong)(car.Length - at))
            {
                throw new RepositoryFormatException(length > (ulong)(car.Length - at)
                    ? "The CAR file ends inside a block"
                    : $"A CAR block of {length} bytes; blocks are a CID and at most {options.MaxBlockSize} bytes");
            }

            blocks.Add(Block(car.Slice(at, (int)length)));
            at += (int)length;
        }

        return new CarContents(roots, blocks);
    }

    /// <summary>The next block, or null at the end of the file.</summary>
    public async ValueTask<CarBlock?> ReadBlockAsync(CancellationToken cancellationToken = default)
    {
        var length = await ReadVarintAsync(_stream, _varint, cancellationToken);
        if (length is null)
        {
            return null;
        }

        if (length < Cid.Length || length > (ulong)(_options.MaxBlockSize + Cid.Length))
        {
            throw new RepositoryFormatException($"A CAR block of {length} bytes; blocks are a CID and at most {_options.MaxBlockSize} bytes");
        }

        var section = new byte[(int)length];
        await ReadExactlyAsync(_stream, section, "a block", cancellationToken);
        return Block(section);
    }

    /// <summary>Every remaining block, in file order.</summary>
    public async IAsyncEnumerable<CarBlock> ReadBlocksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadBlockAsync(cancellationToken) is { } block)
        {
            yield return block;
        }
    }

    private static IReadOnlyList<Cid> ReadHeader(ReadOnlyMemory<byte> bytes)
    {
        DataModelValue header;
        try
        {
            header = DagCbor.Decode(bytes);
        }
        catch (DagCborException e)
        {
            throw new RepositoryFormatException("The CAR header is not DAG-CBOR: " + e.Message, e);
        }

        if (header.Kind != DataModelKind.Map || header.Entries.Count != 2
            || header["version"] is not { Kind: DataModelKind.Integer, IntegerValue: 1 }
            || header["roots"] is not { Kind: DataModelKind.Array } roots
            || roots.Items.Any(r => r.Kind != DataModelKind.Link))
        {
            throw new RepositoryFormatException("The CAR header must be {\"version\": 1, \"roots\": [CIDs]} (CAR v1)");
        }

        return roots.Items.Select(r => r.LinkValue).ToArray();
    }

    /// <summary>A block section (CID, then data), its CID checked against the data.</summary>
    private static CarBlock Block(ReadOnlyMemory<byte> section)
    {
        if (!Cid.TryFromBytes(section.Span[..Cid.Length], out var cid, out var error))
        {
            throw new RepositoryFormatException("A CAR block's CID: " + error);
        }

        var data = section[Cid.Length..];
        Span<byte> digest = stackalloc byte[32];
        Sha256Digest.Hash(data.Span, digest);
        if (!digest.SequenceEqual(cid.Digest))
        {
            throw new RepositoryFormatException($"The block {cid} does not hash to its CID");
        }

        return new CarBlock(cid, data);
    }

    /// <summary>A varint from memory (see <see cref="ReadVarintAsync"/>); null at the end.</summary>
    private static ulong? ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        if (at == bytes.Length)
        {
            return null;
        }

        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at == bytes.Length)
            {
                throw new RepositoryFormatException("The CAR file ends inside a length");
            }

            if (shift >= 63)
            {
                throw new RepositoryFormatException("A CAR length longer than 9 bytes");
            }

            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return b == 0 && shift > 0 ? throw new RepositoryFormatException("A CAR length is not minimally encoded") : value;
            }
        }
    }

    /// <summary>An unsigned LEB128 varint, minimal and at most 63 bits; null at a clean end of stream.</summary>
    private static async ValueTask<ulong?> ReadVarintAsync(Stream stream, byte[] one, CancellationToken cancellationToken)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return shift == 0 ? null : throw new RepositoryFormatException("The CAR file ends inside a length");
            }

            if (shift >= 63)
            {
                throw new RepositoryFormatException("A CAR length longer than 9 bytes");
            }

            value |= (ulong)(one[0] & 0x7f) << shift;
            if ((one[0] & 0x80) == 0)
            {
                if (one[0] == 0 && shift > 0)
                {
                    throw new RepositoryFormatException("A CAR length is not minimally encoded");
                }

                return value;
            }
        }
    }

    private static async Task ReadExactlyAsync(Stream stream, byte[] buffer, string what, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }
        catch (EndOfStreamException e)
        {
            throw new RepositoryFormatException($"The CAR file ends inside {what}", e);
        }
    }
}
