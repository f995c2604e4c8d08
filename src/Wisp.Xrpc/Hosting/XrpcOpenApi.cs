using System.CodeDom.Compiler;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Wisp.Xrpc.Hosting;

/// <summary>
/// Helps OpenAPI generators name the generated types. Every lexicon has its own <c>Input</c> and <c>Output</c>, so
/// naming schemas by the type's short name (the default of Microsoft.AspNetCore.OpenApi) would merge them;
/// this names each generated type after its lexicon instead (<c>Place.Wisp.V2.Secret.Create.Input</c>).
/// </summary>
public static class XrpcOpenApi
{
    /// <summary>
    /// A schema reference id function for <c>OpenApiOptions.CreateSchemaReferenceId</c>:
    /// <c>services.AddOpenApi(o => o.CreateSchemaReferenceId = XrpcOpenApi.SchemaReferenceIds(o.CreateSchemaReferenceId));</c>
    /// Types that are not generated lexicon types keep <paramref name="fallback"/>'s name.
    /// </summary>
    public static Func<JsonTypeInfo, string?> SchemaReferenceIds(Func<JsonTypeInfo, string?> fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return typeInfo => IsGenerated(typeInfo.Type) ? LexiconName(typeInfo.Type) : fallback(typeInfo);
    }

    // Generated types are nested in a lexicon class the generator marks with [GeneratedCode("Wisp.Xrpc.Generators")].
    private static bool IsGenerated(Type type) =>
        type.DeclaringType?.GetCustomAttribute<GeneratedCodeAttribute>() is { Tool: "Wisp.Xrpc.Generators" };

    // Generated types live in "{root}.Lexicons.<Nsid segments>"; the lexicon part starts after ".Lexicons." when the
    // default namespace is used, otherwise the full name is kept (still unique).
    private static string LexiconName(Type type)
    {
        var name = (type.FullName ?? type.Name).Replace('+', '.');
        var marker = name.IndexOf(".Lexicons.", StringComparison.Ordinal);
        return marker < 0 ? name : name[(marker + ".Lexicons.".Length)..];
    }
}
