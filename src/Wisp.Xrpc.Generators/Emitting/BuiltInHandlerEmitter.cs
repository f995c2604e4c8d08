using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits the default handler of a method the package serves out of the box (the secret family), over
/// <c>Wisp.Xrpc.Secrets.WebhookSecretService</c>; a handler the user registers in DI replaces it.
/// </summary>
internal static class BuiltInHandlerEmitter
{
    private const string Service = "global::Wisp.Xrpc.Secrets.WebhookSecretService";
    private const string Datetime = "global::Wisp.Xrpc.LexiconDatetime.Format";

    /// <summary>The expression that builds the default handler from the request's services.</summary>
    public static string Construct(string documentClass) =>
        $"new {documentClass}.DefaultHandler(global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{Service}>(services))";

    public static void Emit(SourceWriter w, string nsid, MethodSpec method)
    {
        if (method.BuiltInHandler is not { } handler)
        {
            return;
        }

        var parameters = method.Input is null ? "global::Wisp.Xrpc.XrpcCallContext context" : $"{method.Input.TypeName} input, global::Wisp.Xrpc.XrpcCallContext context";
        var returnType = method.Output is null ? "global::System.Threading.Tasks.ValueTask" : $"global::System.Threading.Tasks.ValueTask<{method.Output.TypeName}>";

        w.Line();
        w.Summary($"The built-in handler of {nsid}, scoped to the calling DID, over the registered ISecretStore (Wisp.Xrpc.Secrets.WebhookSecretService). Register your own IHandler to replace it.");
        w.OpenBlock($"internal sealed class DefaultHandler({Service} secrets) : IHandler");
        w.Line("/// <inheritdoc />");
        w.OpenBlock($"public async {returnType} HandleAsync({parameters})");
        var o = handler.OutputMembers;
        switch (handler.Method)
        {
            case BuiltInMethod.SecretCreate:
                w.Line($"var secret = await secrets.CreateAsync(context.RequireCallerDid(), input.{handler.InputName}, context.RequestAborted);");
                w.Line($"return new {method.Output!.TypeName} {{ {o[0]} = secret.Name, {o[1]} = secret.Token, {o[2]} = {Datetime}(secret.CreatedAt) }};");
                break;
            case BuiltInMethod.SecretRotate:
                var token = handler.InputToken is null ? "null" : $"input.{handler.InputToken}";
                w.Line($"var secret = await secrets.RotateAsync(context.RequireCallerDid(), input.{handler.InputName}, {token}, context.RequestAborted);");
                w.Line($"return new {method.Output!.TypeName} {{ {o[0]} = secret.Name, {o[1]} = secret.Token, {o[2]} = {Datetime}(secret.LastRotatedAt ?? secret.CreatedAt) }};");
                break;
            case BuiltInMethod.SecretDelete:
                w.Line($"await secrets.DeleteAsync(context.RequireCallerDid(), input.{handler.InputName}, context.RequestAborted);");
                break;
            case BuiltInMethod.SecretList:
                var item = handler.ItemMembers;
                w.Line("var owned = await secrets.ListAsync(context.RequireCallerDid(), context.RequestAborted);");
                w.Line($"var metas = new global::System.Collections.Generic.List<{handler.ItemType}>(owned.Count);");
                w.OpenBlock("foreach (var s in owned)");
                w.Line($"metas.Add(new {handler.ItemType} {{ {item[0]} = s.Name, {item[1]} = {Datetime}(s.CreatedAt), {item[2]} = s.LastRotatedAt is {{ }} rotated ? {Datetime}(rotated) : null }});");
                w.CloseBlock();
                w.Line();
                w.Line($"return new {method.Output!.TypeName} {{ {o[0]} = metas }};");
                break;
        }

        w.CloseBlock();
        w.CloseBlock();
    }
}
