namespace Wisp.Xrpc;

/// <summary>
/// Records, in the assembly that compiled it, one lexicon and the C# types the generator made of it. A project that
/// references the assembly reads these with its own generator: refs to the lexicon resolve to these types, and the
/// lexicon is not generated again (see docs/lexicon-libraries.md). Generated code writes it; applications do not.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)] // written by generated code
public sealed class XrpcLexiconAttribute : Attribute
{
    /// <summary>Records a lexicon.</summary>
    /// <param name="nsid">The lexicon's NSID.</param>
    /// <param name="lexiconClass">The full name of the static class that holds the lexicon's types (no <c>global::</c>).</param>
    /// <param name="definitions">
    /// One entry per definition, <c>name=TypeName</c> (<c>name=</c> when it has no nested type), with a leading <c>!</c>
    /// when the generator did not generate it.
    /// </param>
    /// <param name="lexicon">The lexicon document, as compact JSON.</param>
    public XrpcLexiconAttribute(string nsid, string lexiconClass, string[] definitions, string lexicon)
    {
        Nsid = nsid;
        LexiconClass = lexiconClass;
        Definitions = definitions;
        Lexicon = lexicon;
    }

    /// <summary>The lexicon's NSID.</summary>
    public string Nsid { get; }

    /// <summary>The full name of the static class that holds the lexicon's types.</summary>
    public string LexiconClass { get; }

    /// <summary>The definitions, as <c>[!]name=TypeName</c>.</summary>
    public IReadOnlyList<string> Definitions { get; }

    /// <summary>The lexicon document, as compact JSON.</summary>
    public string Lexicon { get; }
}
