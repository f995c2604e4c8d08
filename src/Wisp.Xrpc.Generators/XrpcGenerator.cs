using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Wisp.Xrpc.Generators.Diagnostics;
using Wisp.Xrpc.Generators.Emitting;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators;

/// <summary>
/// Lexicon files → parser → equatable model → emitters. Only files tagged <c>WispXrpcLexicon=true</c> are read.
/// Diagnostics travel in their own pipeline, so moving text in a lexicon re-reports but re-emits nothing.
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

        var lexiconFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsLexicon(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.LexiconFiles);

        var parsed = lexiconFiles
            .Select(static (file, cancellationToken) => Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedLexicons);

        context.RegisterSourceOutput(parsed.Select(static (p, _) => p.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var diagnostic in diagnostics)
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var identities = parsed
            .Where(static p => p.Document is not null)
            .Select(static (p, _) => new LexiconIdentity(p.Document!.Id, p.FilePath, p.IdLocation))
            .WithTrackingName(TrackingNames.Identities)
            .Collect();

        context.RegisterSourceOutput(identities, static (spc, all) =>
        {
            foreach (var duplicate in DuplicateIds.Find(all))
            {
                spc.ReportDiagnostic(duplicate.ToDiagnostic());
            }
        });

        // Files whose id an earlier file (ordinal path order) already declares: reported above, not emitted.
        var shadowedFiles = identities
            .Select(static (all, _) => DuplicateIds.ShadowedFiles(all))
            .WithTrackingName(TrackingNames.ShadowedFiles);

        var documents = parsed
            .Where(static p => p.Document is not null)
            .Select(static (p, _) => (p.FilePath, Document: p.Document!))
            .WithTrackingName(TrackingNames.Documents);

        var visibleDocuments = documents
            .Combine(shadowedFiles)
            .Where(static pair => !pair.Right.Contains(pair.Left.FilePath))
            .Select(static (pair, _) => pair.Left.Document);

        // Every lexicon's shape, for refs across files. Descriptions and positions are not in it, so editing
        // them re-emits only the edited lexicon.
        var index = visibleDocuments
            .Select(static (document, _) => DefinitionNames.Summarize(document))
            .WithTrackingName(TrackingNames.Summaries)
            .Collect()
            .Select(static (summaries, _) => LexiconIndex.Build(summaries))
            .WithTrackingName(TrackingNames.Index);

        context.RegisterSourceOutput(parsed.Select(static (p, _) => p.ExternalRefs).Collect().Combine(index), static (spc, pair) =>
        {
            foreach (var diagnostic in UnresolvedRefs.Find(pair.Left, pair.Right))
            {
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var documentsToEmit = visibleDocuments
            .Combine(options)
            .Combine(index)
            .Select(static (pair, _) => new DocumentToEmit(pair.Left.Left, pair.Left.Right.RootNamespace, pair.Right))
            .WithTrackingName(TrackingNames.DocumentsToEmit);

        context.RegisterSourceOutput(documentsToEmit, static (spc, document) =>
            spc.AddSource(DocumentEmitter.HintName(document.Document), SourceText.From(DocumentEmitter.Emit(document), System.Text.Encoding.UTF8)));

        var methods = documents
            .Select(static (d, _) => ToEndpoint(d.FilePath, d.Document))
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.Methods)
            .Collect()
            .Combine(shadowedFiles)
            .Select(static (pair, _) => pair.Left.Where(m => !pair.Right.Contains(m!.FilePath)).Select(m => m!).ToEquatableArray())
            .Combine(index)
            .Select(static (pair, _) => (Methods: pair.Left.Where(m => !pair.Right.IsDropped(m.Nsid, "main")).ToEquatableArray(), Index: pair.Right))
            .Combine(options);

        context.RegisterSourceOutput(methods, static (spc, pair) =>
            spc.AddSource(EndpointEmitter.HintName, SourceText.From(EndpointEmitter.Emit(pair.Left.Methods, pair.Left.Index, pair.Right.RootNamespace), System.Text.Encoding.UTF8)));
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

    private static LexiconRef? Absolute(LexiconRef? reference, string documentId) =>
        reference is null ? null : reference with { Description = null, Document = reference.Document ?? documentId };

    private static MethodEndpoint? ToEndpoint(string filePath, LexiconDocument document)
    {
        var main = document.Definitions.FirstOrDefault(d => d.Name == "main");
        return main?.Type is LexiconMethod method
            ? new MethodEndpoint(filePath, document.Id, method.Kind, method.Parameters is { Properties.IsEmpty: false }, method.Input is not null, method.Output is not null, method.Input?.IsRaw == true, method.Output?.IsRaw == true, BuiltInHandlers.Supports(document))
            {
                InputRef = Absolute(method.Input?.SchemaRef, document.Id),
                OutputRef = Absolute(method.Output?.SchemaRef, document.Id),
            }
            : null;
    }
}
