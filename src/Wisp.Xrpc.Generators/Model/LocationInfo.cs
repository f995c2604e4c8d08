using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Wisp.Xrpc.Generators.Model;

/// <summary>A place in a lexicon file, kept as plain values so that diagnostics can be cached.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>No place: a diagnostic about referenced assemblies, which have no lexicon file here.</summary>
    public static LocationInfo None { get; } = new(string.Empty, default, default);

    public Location ToLocation() => FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
}
