namespace Wisp.Xrpc.Generators;

/// <summary>Facts about the generator itself, written into generated code.</summary>
internal static class ThisAssembly
{
    /// <summary>The generator's version, for <c>[GeneratedCode]</c>.</summary>
    public static readonly string Version = typeof(ThisAssembly).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
