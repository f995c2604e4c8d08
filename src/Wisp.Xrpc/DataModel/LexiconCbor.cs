using System.Formats.Cbor;
using Wisp.Xrpc.Serialization;

namespace Wisp.Xrpc.DataModel;

/// <summary>
/// DAG-CBOR for every generated type, through the type's own reader and writer (the ones its JSON form uses, generic
/// over the encoding): the rules, messages and error paths are the JSON path's exactly, and a record read from either
/// encoding writes identical bytes and hashes to the same CID.
/// </summary>
public static class LexiconCbor
{
    [ThreadStatic]
    private static CborReader? t_reader;

    [ThreadStatic]
    private static DagCborOutput? t_output;

    [ThreadStatic]
    private static DagCborOutput? t_canonicalOutput;

    /// <summary>The canonical DAG-CBOR of <paramref name="value"/> (a record with its <c>$type</c>).</summary>
    public static byte[] ToDagCbor<T>(this T value)
        where T : ILexiconObject<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        return Write(value, static (writer, value) => value.WriteTo(writer));
    }

    /// <summary>The canonical DAG-CBOR of a value <paramref name="write"/> writes (a union member, for one).</summary>
    public static byte[] Write<T>(T value, LexiconValueWriter<CborLexiconWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var output = WriteCanonical(value, write);
        try
        {
            return output.Writer.Encode();
        }
        finally
        {
            Return(output);
        }
    }

    /// <summary>The CID of <paramref name="value"/>'s DAG-CBOR: what a strongRef to the record names.</summary>
    public static Cid ComputeCid<T>(this T value)
        where T : ILexiconObject<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var output = WriteCanonical(value, static (writer, value) => value.WriteTo(writer));
        byte[]? rented = null;
        try
        {
            var size = output.Writer.BytesWritten;
            var bytes = size <= 1024 ? stackalloc byte[size] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(size));
            output.Writer.Encode(bytes);
            return Cid.ForDagCbor(bytes[..size]);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }

            Return(output);
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> on the fast path (keys as they come, checked), or, when some map's keys did not
    /// come in DAG-CBOR's order (undeclared properties, written last), once more through a writer that sorts them.
    /// </summary>
    private static DagCborOutput WriteCanonical<T>(T value, LexiconValueWriter<CborLexiconWriter, T> write)
    {
        var output = Rent(canonical: false);
        try
        {
            write(new CborLexiconWriter(output), value);
        }
        catch
        {
            Return(output);
            throw;
        }

        if (output.InOrder)
        {
            return output;
        }

        Return(output);
        output = Rent(canonical: true);
        try
        {
            write(new CborLexiconWriter(output), value);
            return output;
        }
        catch
        {
            Return(output);
            throw;
        }
    }

    /// <summary>
    /// Reads DAG-CBOR into <typeparamref name="T"/>, strictly (the rules of <see cref="DagCbor"/>), validating it as
    /// the JSON path does: <see cref="Validation.LexiconValidationException"/> with the same message for the same
    /// problem; bytes that are not DAG-CBOR are a <see cref="DagCborException"/>.
    /// </summary>
    /// <param name="bytes">One DAG-CBOR value, nothing after it.</param>
    /// <param name="path">Where the value is, for error messages.</param>
    /// <param name="maxDepth">How deep arrays and maps may nest.</param>
    public static T ReadDagCbor<T>(ReadOnlyMemory<byte> bytes, string path = "Record", int maxDepth = DagCbor.DefaultMaxDepth)
        where T : ILexiconObject<T> => Read(bytes, path, T.ReadFrom, maxDepth);

    /// <summary>Reads DAG-CBOR with <paramref name="read"/> (a union's reader, for one), strictly and validating, as <see cref="ReadDagCbor{T}"/> does.</summary>
    public static T Read<T>(ReadOnlyMemory<byte> bytes, string path, LexiconValueReader<CborLexiconReader, T> read, int maxDepth = DagCbor.DefaultMaxDepth) =>
        Read(bytes, path, read, maxDepth, rootType: null);

    /// <summary>As <see cref="Read{T}(ReadOnlyMemory{byte}, string, LexiconValueReader{CborLexiconReader, T}, int)"/>, the top map's <c>$type</c> being <paramref name="rootType"/> when given (an event-stream body, whose type is in its header).</summary>
    internal static T Read<T>(ReadOnlyMemory<byte> bytes, string path, LexiconValueReader<CborLexiconReader, T> read, int maxDepth, string? rootType)
    {
        ArgumentNullException.ThrowIfNull(read);
        var reader = t_reader ?? new CborReader(bytes, CborConformanceMode.Canonical, allowMultipleRootLevelValues: false);
        t_reader = null; // taken for this read (a reader inside this one gets its own)
        reader.Reset(bytes);
        try
        {
            var lexicon = new CborLexiconReader(reader, bytes, maxDepth, rootType);
            var value = read(ref lexicon, path);
            return reader.BytesRemaining == 0
                ? value
                : throw new DagCborException("Bytes after the end of the value", bytes.Length - reader.BytesRemaining);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException and not DagCborException)
        {
            throw new DagCborException("Not valid DAG-CBOR: " + e.Message, bytes.Length - reader.BytesRemaining, e);
        }
        finally
        {
            t_reader = reader;
        }
    }

    /// <summary>Reads a data-model value (a decoded block, an event's body) into <typeparamref name="T"/>, validating it.</summary>
    public static T Read<T>(DataModelValue value, string path = "Record")
        where T : ILexiconObject<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        return ReadDagCbor<T>(DagCbor.Encode(value), path);
    }

    private static DagCborOutput Rent(bool canonical)
    {
        // Taken for this write (a write inside this one, if any, gets its own).
        DagCborOutput? output;
        if (canonical)
        {
            (output, t_canonicalOutput) = (t_canonicalOutput, null);
        }
        else
        {
            (output, t_output) = (t_output, null);
        }

        return output ?? new DagCborOutput(canonical);
    }

    private static void Return(DagCborOutput output)
    {
        output.Reset();
        if (output.IsCanonical)
        {
            t_canonicalOutput = output;
        }
        else
        {
            t_output = output;
        }
    }
}
