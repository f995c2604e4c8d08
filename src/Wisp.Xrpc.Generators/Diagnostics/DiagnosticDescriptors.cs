using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are tracked in AnalyzerReleases.*.md; each message says what
/// is wrong in the lexicon and how to fix it.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Wisp.Xrpc.Lexicon";

    public static readonly DiagnosticDescriptor InvalidJson = Error(
        "WXRPC001", "Lexicon file is not valid JSON", "Lexicon file is not valid JSON: {0}");

    public static readonly DiagnosticDescriptor InvalidLexiconVersion = Error(
        "WXRPC002", "Lexicon version missing or unsupported", "{0}");

    public static readonly DiagnosticDescriptor InvalidId = Error(
        "WXRPC003", "Lexicon id missing or invalid", "{0}");

    public static readonly DiagnosticDescriptor MissingDefs = Error(
        "WXRPC004", "Lexicon has no defs", "Lexicon '{0}' must have a \"defs\" object mapping definition names to types");

    public static readonly DiagnosticDescriptor WrongJsonKind = Error(
        "WXRPC005", "Lexicon value has the wrong JSON kind", "\"{0}\" must be {1}, but is {2}");

    public static readonly DiagnosticDescriptor InvalidType = Error(
        "WXRPC006", "Definition type missing or unknown", "{0}");

    public static readonly DiagnosticDescriptor RequiredPropertyMissing = Error(
        "WXRPC007", "Required property is not declared", "\"required\" names \"{0}\", which is not in \"properties\"; declare it or remove it from \"required\"");

    public static readonly DiagnosticDescriptor PrimaryTypeNotMain = Error(
        "WXRPC008", "Primary type must be named main", "Definition \"{0}\" is a {1}; a lexicon's record, query, procedure or subscription must be its \"main\" definition");

    public static readonly DiagnosticDescriptor DuplicateId = Error(
        "WXRPC009", "Two lexicons have the same id", "Lexicon id '{0}' is also declared in {1}; each lexicon id must be declared by one file only");

    public static readonly DiagnosticDescriptor UnresolvedRef = Error(
        "WXRPC010", "Ref names no definition", "Ref '{0}' names no definition of lexicon '{1}', in this project or a referenced assembly: add that lexicon's file, reference a library that compiles it (Wisp.Xrpc.Lexicons.Atproto holds com.atproto.*, app.bsky.*, chat.bsky.* and tools.ozone.*), or correct the name");

    public static readonly DiagnosticDescriptor RefToToken = Error(
        "WXRPC011", "Ref names a token", "Ref '{0}' names a token, which is a value, not a type; use a string (e.g. with \"knownValues\": [\"{0}\"]) instead");

    public static readonly DiagnosticDescriptor UnionMemberNotObject = Error(
        "WXRPC012", "Union member or body schema is not an object or record", "Ref '{0}' names a {1}; a union member or a method's body schema must be an object or a record");

    public static readonly DiagnosticDescriptor ConstWithDefault = Error(
        "WXRPC013", "Both const and default", "This {0} has both \"const\" and \"default\"; a constant needs no default: remove one");

    public static readonly DiagnosticDescriptor MinimumAboveMaximum = Error(
        "WXRPC014", "Lower bound above upper bound", "\"{0}\" is {1} but \"{2}\" is {3}; no value can satisfy both");

    public static readonly DiagnosticDescriptor EmptyClosedUnion = Error(
        "WXRPC015", "Closed union with no members", "A closed union must name at least one ref; with none, no value is valid");

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        "WXRPC016", "Key written twice in one JSON object", "\"{0}\" is written twice in this object; JSON readers disagree on which one counts: remove one");

    public static readonly DiagnosticDescriptor NotDefinable = Error(
        "WXRPC017", "Type cannot be a named definition", "Definition \"{0}\" is a {1}, which the Lexicon spec allows only in place (a property's type, an array's items), not as a named definition; use an object, or write the {1} where it is used");

    public static readonly DiagnosticDescriptor InvalidNamespace = Error(
        "WXRPC018", "Namespace of the generated types is not a C# namespace", "The namespace '{0}' (WispXrpcNamespace or RootNamespace) is not a valid C# namespace; the generated types use '{1}' instead: set <WispXrpcNamespace> to a dotted list of C# identifiers");

    public static readonly DiagnosticDescriptor NotSupportedYet = new(
        "WXRPC100",
        "Lexicon feature not supported yet",
        "{0} is not supported yet; '{1}' is not generated",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BuiltInHandlerNotUsed = new(
        "WXRPC101",
        "Built-in handler not used",
        "The lexicon '{0}' has a built-in handler, but its shape differs from the one that handler serves ({1}); the method answers 501 MethodNotImplemented until you register an IHandler",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LexiconAlsoReferenced = new(
        "WXRPC102",
        "Lexicon also defined in a referenced assembly",
        "The lexicon '{0}' is also compiled in the referenced assembly '{1}'; {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Renamed = new(
        "WXRPC200",
        "Lexicon name renamed in C#",
        "{0} is the C# {1} '{2}': '{3}' {4}",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor[] All =
    [
        InvalidJson, InvalidLexiconVersion, InvalidId, MissingDefs, WrongJsonKind, InvalidType,
        RequiredPropertyMissing, PrimaryTypeNotMain, DuplicateId, UnresolvedRef, RefToToken, UnionMemberNotObject,
        ConstWithDefault, MinimumAboveMaximum, EmptyClosedUnion, DuplicateKey, NotDefinable, InvalidNamespace,
        NotSupportedYet, BuiltInHandlerNotUsed, LexiconAlsoReferenced, Renamed,
    ];

    public static DiagnosticDescriptor? Find(string id)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == id)
            {
                return descriptor;
            }
        }

        return null;
    }

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
