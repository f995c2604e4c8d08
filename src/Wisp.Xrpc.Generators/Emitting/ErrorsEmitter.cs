using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Emitting;

/// <summary>
/// Emits the <c>Errors</c> class: per declared error, a factory a handler throws and a test a client's caller uses
/// (<c>catch (XrpcException e) when (GetThing.Errors.IsThingNotFound(e))</c>). The status comes from the runtime's one
/// table (<c>XrpcErrorNames.StatusOf</c>), which the built-in handlers use too.
/// </summary>
internal static class ErrorsEmitter
{
    public static void Emit(SourceWriter w, EquatableArray<ErrorSpec> errors)
    {
        if (errors.IsEmpty)
        {
            return;
        }

        w.Line();
        w.Line("/// <summary>The errors this method's lexicon declares: throw one from a handler to answer with it; test a client's <see cref=\"global::Wisp.Xrpc.XrpcException\"/> for one.</summary>");
        w.OpenBlock("public static class Errors");
        var first = true;
        foreach (var error in errors)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Summary(error.Summary);
            w.Line($"public static global::Wisp.Xrpc.XrpcException {error.MethodName}(string? message = null) => global::Wisp.Xrpc.XrpcException.Declared({SourceWriter.Literal(error.Error)}, message);");
            w.Line();
            w.Line($"/// <summary>Whether <paramref name=\"exception\"/> is the error <c>{SourceWriter.EscapeXml(error.Error)}</c>.</summary>");
            w.Line($"public static bool {error.TestName}(global::Wisp.Xrpc.XrpcException exception) => exception is not null && exception.Is({SourceWriter.Literal(error.Error)});");
        }

        w.CloseBlock();
    }
}
