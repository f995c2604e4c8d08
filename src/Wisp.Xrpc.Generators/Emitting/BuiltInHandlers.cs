using System.Linq;
using Wisp.Xrpc.Generators.Model;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// The methods the package implements out of the box. When one of these lexicons is in the project and its
/// shapes are the ones the runtime serves, a default handler calling the runtime is emitted; a handler the user
/// registers in DI replaces it.
/// </summary>
internal static class BuiltInHandlers
{
    public const string SecretCreate = "place.wisp.v2.secret.create";

    /// <summary>True when <paramref name="document"/> is a method with a built-in handler and the expected shapes.</summary>
    public static bool Supports(LexiconDocument document) =>
        document.Id == SecretCreate
        && Main(document) is { Input.Schema: { } input, Output.Schema: { } output }
        && HasRequiredString(input, "name")
        && HasRequiredString(output, "name") && HasRequiredString(output, "token") && HasRequiredString(output, "createdAt");

    /// <summary>Emits the default handler class inside the document's class.</summary>
    public static void Emit(SourceWriter w, LexiconDocument document)
    {
        if (!Supports(document))
        {
            return;
        }

        w.Line();
        w.Summary("The built-in handler: creates the secret for the calling DID in the registered ISecretStore (Wisp.Xrpc.Secrets.WebhookSecretService). Register your own IHandler to replace it.");
        w.OpenBlock("internal sealed class DefaultHandler(global::Wisp.Xrpc.Secrets.WebhookSecretService secrets) : IHandler");
        w.Line("/// <inheritdoc />");
        w.OpenBlock("public async global::System.Threading.Tasks.ValueTask<Output> HandleAsync(Input input, global::Wisp.Xrpc.XrpcCallContext context)");
        w.Line("var secret = await secrets.CreateAsync(context.RequireCallerDid(), input.Name, context.RequestAborted);");
        w.Line("return new Output { Name = secret.Name, Token = secret.Token, CreatedAt = global::Wisp.Xrpc.LexiconDatetime.Format(secret.CreatedAt) };");
        w.CloseBlock();
        w.CloseBlock();
    }

    /// <summary>The expression that builds the default handler from the request's services.</summary>
    public static string Construct(string documentClass) =>
        $"new {documentClass}.DefaultHandler(global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Wisp.Xrpc.Secrets.WebhookSecretService>(services))";

    private static LexiconMethod? Main(LexiconDocument document) =>
        document.Definitions.FirstOrDefault(d => d.Name == "main")?.Type as LexiconMethod;

    private static bool HasRequiredString(LexiconObject type, string name) =>
        type.Properties.Any(p => p.Name == name && p.IsRequired && !p.IsNullable && p.Type is LexiconString);
}
