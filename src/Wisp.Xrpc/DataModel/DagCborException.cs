namespace Wisp.Xrpc.DataModel;

/// <summary>Input that is not valid DAG-CBOR under the DRISL rules, or not valid atproto JSON: what is wrong, and where.</summary>
public sealed class DagCborException : FormatException
{
    /// <summary>A problem at <paramref name="offset"/>.</summary>
    public DagCborException(string message, long offset)
        : base($"{message} (at byte {offset})") => Offset = offset;

    /// <summary>A problem at <paramref name="offset"/> that a lower layer found.</summary>
    public DagCborException(string message, long offset, Exception inner)
        : base($"{message} (at byte {offset})", inner) => Offset = offset;

    /// <summary>Where in the input the problem is.</summary>
    public long Offset { get; }
}
