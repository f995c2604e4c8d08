using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// The methods the package implements out of the box: the <c>place.wisp.v2.secret.*</c> family. When one of
/// these lexicons is in the project and its shapes are the ones the runtime serves, a default handler calling
/// <c>Wisp.Xrpc.Secrets.WebhookSecretService</c> is emitted; a handler the user registers in DI replaces it.
/// </summary>
internal static class BuiltInHandlers
{
    private const string Service = "global::Wisp.Xrpc.Secrets.WebhookSecretService";
    private const string Datetime = "global::Wisp.Xrpc.LexiconDatetime.Format";

    /// <summary>True when <paramref name="document"/> is a method with a built-in handler and the expected shapes.</summary>
    public static bool Supports(LexiconDocument document) => Body(document, null) is not null;

    /// <summary>Emits the default handler class inside the document's class.</summary>
    public static void Emit(SourceWriter w, LexiconDocument document, IReadOnlyDictionary<string, string> definitionTypes)
    {
        if (Body(document, definitionTypes) is not { } body)
        {
            return;
        }

        var method = Main(document)!;
        var parameters = method.Input is null ? "global::Wisp.Xrpc.XrpcCallContext context" : "Input input, global::Wisp.Xrpc.XrpcCallContext context";
        var returnType = method.Output is null ? "global::System.Threading.Tasks.ValueTask" : "global::System.Threading.Tasks.ValueTask<Output>";

        w.Line();
        w.Summary($"The built-in handler of {document.Id}, scoped to the calling DID, over the registered ISecretStore (Wisp.Xrpc.Secrets.WebhookSecretService). Register your own IHandler to replace it.");
        w.OpenBlock($"internal sealed class DefaultHandler({Service} secrets) : IHandler");
        w.Line("/// <inheritdoc />");
        w.OpenBlock($"public async {returnType} HandleAsync({parameters})");
        foreach (var line in body)
        {
            w.Line(line);
        }

        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>The expression that builds the default handler from the request's services.</summary>
    public static string Construct(string documentClass) =>
        $"new {documentClass}.DefaultHandler(global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{Service}>(services))";

    /// <summary>The handler body for a supported document, or null. <paramref name="types"/> null: only check support.</summary>
    private static string[]? Body(LexiconDocument document, IReadOnlyDictionary<string, string>? types)
    {
        var method = Main(document);
        if (method is null)
        {
            return null;
        }

        var input = method.Input?.Schema;
        var output = method.Output?.Schema;
        switch (document.Id)
        {
            case "place.wisp.v2.secret.create"
                when method.Kind == XrpcMethodKind.Procedure && RequiredString(input, "name")
                    && RequiredString(output, "name") && RequiredString(output, "token") && RequiredString(output, "createdAt"):
                return
                [
                    "var secret = await secrets.CreateAsync(context.RequireCallerDid(), input.Name, context.RequestAborted);",
                    $"return new Output {{ Name = secret.Name, Token = secret.Token, CreatedAt = {Datetime}(secret.CreatedAt) }};",
                ];

            case "place.wisp.v2.secret.rotate"
                when method.Kind == XrpcMethodKind.Procedure && RequiredString(input, "name")
                    && RequiredString(output, "name") && RequiredString(output, "token") && RequiredString(output, "rotatedAt"):
                var token = OptionalString(input, "token") ? "input.Token" : "null";
                return
                [
                    $"var secret = await secrets.RotateAsync(context.RequireCallerDid(), input.Name, {token}, context.RequestAborted);",
                    $"return new Output {{ Name = secret.Name, Token = secret.Token, RotatedAt = {Datetime}(secret.LastRotatedAt ?? secret.CreatedAt) }};",
                ];

            case "place.wisp.v2.secret.delete"
                when method.Kind == XrpcMethodKind.Procedure && RequiredString(input, "name") && output is null:
                return ["await secrets.DeleteAsync(context.RequireCallerDid(), input.Name, context.RequestAborted);"];

            case "place.wisp.v2.secret.list"
                when method.Kind == XrpcMethodKind.Query && method.Input is null && method.Parameters is null or { Properties.IsEmpty: true }
                    && output?.Properties.FirstOrDefault(p => p.Name == "secrets") is { IsRequired: true, Type: LexiconArray { Items: LexiconRef item } }
                    && document.Definitions.FirstOrDefault(d => d.Name == item.Definition)?.Type is LexiconObject meta
                    && RequiredString(meta, "name") && RequiredString(meta, "createdAt") && OptionalString(meta, "lastRotatedAt"):
                var metaType = types is null ? string.Empty : types[item.Definition];
                return
                [
                    "var owned = await secrets.ListAsync(context.RequireCallerDid(), context.RequestAborted);",
                    $"var metas = new global::System.Collections.Generic.List<{metaType}>(owned.Count);",
                    "foreach (var s in owned)",
                    "{",
                    $"    metas.Add(new {metaType} {{ Name = s.Name, CreatedAt = {Datetime}(s.CreatedAt), LastRotatedAt = s.LastRotatedAt is {{ }} rotated ? {Datetime}(rotated) : null }});",
                    "}",
                    "",
                    "return new Output { Secrets = metas };",
                ];

            default:
                return null;
        }
    }

    private static LexiconMethod? Main(LexiconDocument document) =>
        document.Definitions.FirstOrDefault(d => d.Name == "main")?.Type as LexiconMethod;

    private static bool RequiredString(LexiconObject? type, string name) =>
        type?.Properties.Any(p => p.Name == name && p.IsRequired && !p.IsNullable && p.Type is LexiconString) == true;

    private static bool OptionalString(LexiconObject? type, string name) =>
        type?.Properties.Any(p => p.Name == name && !p.IsRequired && p.Type is LexiconString) == true;
}
