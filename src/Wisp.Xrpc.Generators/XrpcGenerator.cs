using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Wisp.Xrpc.Generators.Binding;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Emitting;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;
using Wisp.Xrpc.Generators.References;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators;

/// <summary>
/// Lexicon files → parse (per file) → index (all shapes, with the lexicons referenced assemblies compiled; one
/// Collect: names and drops decided once) → bind (per file: its <see cref="DocumentSpec"/>) → emit. Only files tagged <c>WispXrpcLexicon=true</c> are read.
/// Diagnostics travel in pipelines of their own, so moving text in a lexicon re-reports but re-emits nothing, and
/// a document re-emits only when its own spec changes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class XrpcGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        context.RegisterSourceOutput(options.Select(static (o, _) => o.InvalidNamespace is null ? null : o), static (spc, invalid) =>
        {
            if (invalid is not null)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidNamespace, Location.None, invalid.InvalidNamespace, invalid.RootNamespace));
            }
        });

        var parsed = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsLexicon(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.LexiconFiles)
            .Select(static (file, cancellationToken) => Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedLexicons);

        context.RegisterSourceOutput(parsed.Select(static (p, _) => p.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));

        var identities = parsed
            .Where(static p => p.Document is not null)
            .Select(static (p, _) => new LexiconIdentity(p.Document!.Id, p.FilePath, p.IdLocation))
            .WithTrackingName(TrackingNames.Identities)
            .Collect();

        context.RegisterSourceOutput(identities, static (spc, all) => Report(spc, DuplicateIds.Find(all)));

        // Files whose id an earlier file (ordinal path order) already declares: reported above, not emitted.
        var shadowedFiles = identities
            .Select(static (all, _) => DuplicateIds.ShadowedFiles(all))
            .WithTrackingName(TrackingNames.ShadowedFiles);

        var documents = parsed
            .Where(static p => p.Document is not null)
            .Select(static (p, _) => (p.FilePath, Document: p.Document!))
            .WithTrackingName(TrackingNames.Documents)
            .Combine(shadowedFiles)
            .Where(static pair => !pair.Right.Contains(pair.Left.FilePath))
            .Select(static (pair, _) => pair.Left.Document);

        // The lexicons referenced assemblies compiled, read from their metadata: refs bind to their types, and they
        // are not generated again. Re-read only when a reference changes.
        var references = context.MetadataReferencesProvider
            .Select(static (reference, cancellationToken) => LexiconReferenceReader.Read(reference, cancellationToken))
            .WithTrackingName(TrackingNames.References)
            .Where(static assembly => assembly is not null)
            .Select(static (assembly, _) => assembly!)
            .Collect();

        context.RegisterSourceOutput(identities.Combine(references), static (spc, pair) => Report(spc, ReferenceConflicts.Find(pair.Left, pair.Right)));

        // Every lexicon's shape (no descriptions, no positions), and from all of them every C# name and every drop.
        var index = documents
            .Select(static (document, _) => IndexBuilder.Summarize(document))
            .WithTrackingName(TrackingNames.Summaries)
            .Collect()
            .Combine(references)
            .Select(static (pair, cancellationToken) => IndexBuilder.Build(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Index);

        var refSites = parsed
            .Where(static p => p.Document is not null)
            .Select(static (p, _) => (p.Document!.Id, p.RefSites))
            .Collect();
        context.RegisterSourceOutput(refSites.Combine(index), static (spc, pair) => Report(spc, RefDiagnostics.Find(pair.Left, pair.Right)));

        // Binding runs per document whenever the index changes, but yields an equal spec unless what the document
        // prints changed: only then is its file emitted again.
        var specs = documents
            .Combine(index)
            .Combine(options)
            .Select(static (pair, _) => Binder.Bind(pair.Left.Left, pair.Left.Right, pair.Right.RootNamespace))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);

        context.RegisterSourceOutput(specs, static (spc, spec) =>
            spc.AddSource(DocumentEmitter.HintName(spec), SourceText.From(DocumentEmitter.Emit(spec), System.Text.Encoding.UTF8)));

        // What the assembly records of each lexicon, for projects that reference it; its own file, so an edit that
        // changes only the lexicon's text re-emits only this.
        var exports = documents
            .Combine(index)
            .Combine(options)
            .Select(static (pair, _) => Binder.Export(pair.Left.Left, pair.Left.Right, pair.Right.RootNamespace))
            .Where(static export => export is not null)
            .Select(static (export, _) => export!)
            .WithTrackingName(TrackingNames.Exports);

        context.RegisterSourceOutput(exports, static (spc, export) =>
            spc.AddSource(ExportEmitter.HintName(export), SourceText.From(ExportEmitter.Emit(export), System.Text.Encoding.UTF8)));

        var notes = specs.Select(static (spec, _) => (spec.Nsid, spec.Notes)).Where(static n => !n.Notes.IsEmpty).Collect();
        var positions = parsed
            .Where(static p => p.Document is not null)
            .Select(static (p, _) => (p.Document!.Id, p.IdLocation, p.DefinitionLocations))
            .Collect();
        context.RegisterSourceOutput(notes.Combine(positions), static (spc, pair) => Report(spc, BindingNotes.Locate(pair.Left, pair.Right)));

        var endpoints = specs
            .Select(static (spec, _) => spec.Members.FirstOrDefault() switch { MethodSpec method => method.Endpoint, SubscriptionSpec subscription => subscription.Endpoint, _ => null })
            .Where(static endpoint => endpoint is not null)
            .Select(static (endpoint, _) => endpoint!)
            .Collect()
            .Select(static (all, _) => all.OrderBy(e => e.Nsid, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Endpoints);

        context.RegisterSourceOutput(endpoints, static (spc, all) =>
            spc.AddSource(EndpointEmitter.HintName, SourceText.From(EndpointEmitter.Emit(all), System.Text.Encoding.UTF8)));
    }

    private static bool IsLexicon(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        options.GetOptions(file).TryGetValue(GeneratorOptions.LexiconMetadataKey, out var value)
        && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase);

    private static ParsedLexicon Parse(AdditionalText file, System.Threading.CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            var nowhere = new LocationInfo(file.Path, default, default);
            return new ParsedLexicon(
                file.Path,
                null,
                new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InvalidJson, nowhere, "the file could not be read") }.ToEquatableArray(),
                null);
        }

        return LexiconParser.Parse(file.Path, text, cancellationToken);
    }

    private static void Report(SourceProductionContext context, System.Collections.Generic.IEnumerable<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
