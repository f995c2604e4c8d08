namespace Wisp.Xrpc.Repository;

/// <summary>A CAR file, commit or MST that is malformed, does not match its CIDs, or does not prove what it claims.</summary>
public sealed class RepositoryFormatException : FormatException
{
    /// <summary>A problem, said plainly.</summary>
    public RepositoryFormatException(string message)
        : base(message)
    {
    }

    /// <summary>A problem that a lower layer (DAG-CBOR) found.</summary>
    public RepositoryFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
