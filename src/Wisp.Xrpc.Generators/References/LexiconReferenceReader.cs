using System.Collections.Generic;
using System.Reflection.Metadata;
using System.Threading;
using Microsoft.CodeAnalysis;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Parsing;

namespace Wisp.Xrpc.Generators.References;

/// <summary>
/// Reads the lexicons a referenced assembly compiled from its <c>[assembly: Wisp.Xrpc.XrpcLexicon(...)]</c>
/// attributes, straight from the metadata the compiler already loaded (no compilation, no symbols), so the step runs
/// again only when a reference changes, never after a C# edit. The lexicons' JSON is kept as text: the index parses
/// only the few whose shapes a project uses.
/// </summary>
internal static class LexiconReferenceReader
{
    private const string AttributeNamespace = "Wisp.Xrpc";
    private const string AttributeName = "XrpcLexiconAttribute";

    public static ReferencedAssembly? Read(MetadataReference reference, CancellationToken cancellationToken)
    {
        if (reference is not PortableExecutableReference executable)
        {
            return null;
        }

        MetadataReader reader;
        try
        {
            if (executable.GetMetadata() is not AssemblyMetadata assembly || assembly.GetModules() is not { Length: > 0 } modules)
            {
                return null;
            }

            reader = modules[0].GetMetadataReader();
            if (!reader.IsAssembly)
            {
                return null;
            }
        }
        catch (System.Exception e) when (e is System.IO.IOException or System.BadImageFormatException or System.UnauthorizedAccessException)
        {
            return null; // the compiler reports unreadable references itself
        }

        var definition = reader.GetAssemblyDefinition();
        var assemblyName = reader.GetString(definition.Name);
        var lexicons = new List<ReferencedLexicon>();
        foreach (var handle in definition.GetCustomAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attribute = reader.GetCustomAttribute(handle);
            if (!IsLexiconAttribute(reader, attribute) || ReadArguments(reader, attribute) is not { } arguments)
            {
                continue;
            }

            var lastDot = arguments.LexiconClass.LastIndexOf('.');
            if (lastDot <= 0 || !Nsid.IsValid(arguments.Nsid))
            {
                continue; // not written by a generator of ours; nothing to bind to
            }

            lexicons.Add(new ReferencedLexicon(
                assemblyName,
                arguments.Nsid,
                arguments.LexiconClass.Substring(0, lastDot),
                arguments.LexiconClass.Substring(lastDot + 1),
                arguments.Definitions.ToEquatableArray(),
                arguments.Json));
        }

        return lexicons.Count == 0 ? null : new ReferencedAssembly(assemblyName, lexicons.ToEquatableArray());
    }

    private static bool IsLexiconAttribute(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                type = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                break;
            case HandleKind.MethodDefinition:
                type = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                break;
            default:
                return false;
        }

        return type.Kind switch
        {
            HandleKind.TypeReference => reader.GetTypeReference((TypeReferenceHandle)type) is var r
                && reader.StringComparer.Equals(r.Name, AttributeName) && reader.StringComparer.Equals(r.Namespace, AttributeNamespace),
            HandleKind.TypeDefinition => reader.GetTypeDefinition((TypeDefinitionHandle)type) is var d
                && reader.StringComparer.Equals(d.Name, AttributeName) && reader.StringComparer.Equals(d.Namespace, AttributeNamespace),
            _ => false,
        };
    }

    /// <summary>The constructor's arguments <c>(string nsid, string lexiconClass, string[] definitions, string lexicon)</c>, or null.</summary>
    private static (string Nsid, string LexiconClass, List<ReferencedDefinition> Definitions, string Json)? ReadArguments(MetadataReader reader, CustomAttribute attribute)
    {
        try
        {
            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1)
            {
                return null; // not a custom attribute blob (ECMA-335 II.23.3 prolog)
            }

            var nsid = blob.ReadSerializedString();
            var lexiconClass = blob.ReadSerializedString();
            var count = blob.ReadInt32();
            if (nsid is null || lexiconClass is null || count < 0 || count > blob.RemainingBytes)
            {
                return null;
            }

            // Each entry: [!]kind:name=TypeName (kinds have no ':', C# names no '=').
            var definitions = new List<ReferencedDefinition>(count);
            for (var i = 0; i < count; i++)
            {
                var entry = blob.ReadSerializedString() ?? string.Empty;
                var generated = !entry.StartsWith("!", System.StringComparison.Ordinal);
                var text = generated ? entry : entry.Substring(1);
                var colon = text.IndexOf(':');
                var equals = text.LastIndexOf('=');
                if (colon < 0 || equals <= colon + 1)
                {
                    return null;
                }

                var typeName = text.Substring(equals + 1);
                definitions.Add(new ReferencedDefinition(text.Substring(colon + 1, equals - colon - 1), text.Substring(0, colon), typeName.Length == 0 ? null : typeName, generated));
            }

            var json = blob.ReadSerializedString();
            return json is null ? null : (nsid, lexiconClass, definitions, json);
        }
        catch (System.BadImageFormatException)
        {
            return null;
        }
    }
}
