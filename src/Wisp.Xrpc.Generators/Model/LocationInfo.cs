using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Wisp.Xrpc.Generators.Model;

/// <summary>A place in a lexicon file, kept as plain values so that diagnostics can be cached.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
