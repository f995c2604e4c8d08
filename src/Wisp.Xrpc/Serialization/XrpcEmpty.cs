namespace Wisp.Xrpc.Serialization;

/// <summary>Stands for the parameters, input or output of a method whose lexicon declares none.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // called by generated code, not by applications
public sealed class XrpcEmpty : ILexiconObject<XrpcEmpty>, ILexiconParams<XrpcEmpty>
{
    /// <summary>The only value.</summary>
    public static readonly XrpcEmpty Value = new();

    private XrpcEmpty()
    {
    }

    /// <inheritdoc />
    public static XrpcEmpty ReadFrom<TReader>(ref TReader reader, string path)
        where TReader : ILexiconReader, allows ref struct
    {
        reader.Skip();
        return Value;
    }

    /// <inheritdoc />
    public static XrpcEmpty ReadQuery(Microsoft.AspNetCore.Http.IQueryCollection query, string path) => Value;

    /// <inheritdoc />
    public void WriteQuery(LexiconQueryWriter writer)
    {
    }

    /// <inheritdoc />
    public void WriteTo<TWriter>(TWriter writer)
        where TWriter : ILexiconWriter
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
