using System;
using System.Collections.Generic;
using System.Linq;
using Wisp.Xrpc.Generators.Model;
using Wisp.Xrpc.Generators.Specs;

namespace Wisp.Xrpc.Generators.Binding;

/// <summary>
/// The methods the package implements out of the box: the <c>place.wisp.v2.secret.*</c> family. A default handler
/// over <c>Wisp.Xrpc.Secrets.WebhookSecretService</c> is bound only when the lexicon's shapes are the ones that
/// handler serves (every required member it must set exists, and no other); otherwise the method gets none and a
/// WXRPC101 warning says why, so a changed lexicon never yields code that does not compile.
/// </summary>
internal static class BuiltInHandlers
{
    private static readonly string[] Family = ["place.wisp.v2.secret.create", "place.wisp.v2.secret.rotate", "place.wisp.v2.secret.delete", "place.wisp.v2.secret.list"];

    /// <param name="nsid">The lexicon id.</param>
    /// <param name="method">The bound method.</param>
    /// <param name="objects">Finds a bound object of this lexicon by its full C# name.</param>
    /// <param name="mismatch">Why a lexicon of the family gets no default handler, or null.</param>
    public static BuiltInHandlerSpec? Bind(string nsid, MethodSpec method, Func<string, ObjectSpec?> objects, out string? mismatch)
    {
        mismatch = null;
        if (Array.IndexOf(Family, nsid) < 0)
        {
            return null;
        }

        var input = method.Input?.Schema;
        var output = method.Output?.Schema;
        return nsid switch
        {
            "place.wisp.v2.secret.create" => Create(method, input, output, ref mismatch),
            "place.wisp.v2.secret.rotate" => Rotate(method, input, output, ref mismatch),
            "place.wisp.v2.secret.delete" => Delete(method, input, ref mismatch),
            _ => List(method, output, objects, ref mismatch),
        };
    }

    private static BuiltInHandlerSpec? Create(MethodSpec method, ObjectSpec? input, ObjectSpec? output, ref string? mismatch) =>
        Expect(method.Kind == XrpcMethodKind.Procedure && method.Parameters is null, "a procedure without parameters", ref mismatch)
        && RequiredString(input, "name", "input", ref mismatch) is { } name
        && Sets(output, ["name", "token", "createdAt"], "output", ref mismatch) is { } members
            ? new BuiltInHandlerSpec(BuiltInMethod.SecretCreate, name, null, members)
            : null;

    private static BuiltInHandlerSpec? Rotate(MethodSpec method, ObjectSpec? input, ObjectSpec? output, ref string? mismatch)
    {
        if (!Expect(method.Kind == XrpcMethodKind.Procedure && method.Parameters is null, "a procedure without parameters", ref mismatch)
            || RequiredString(input, "name", "input", ref mismatch) is not { } name
            || Sets(output, ["name", "token", "rotatedAt"], "output", ref mismatch) is not { } members)
        {
            return null;
        }

        // The caller's own token is optional; a lexicon without it always gets a random one.
        var token = input!.Properties.FirstOrDefault(p => p.JsonName == "token");
        if (token is not null && (token.IsRequired || token.IsNullable || token.Value is not { Kind: ValueKind.String, IsArray: false }))
        {
            mismatch = "input \"token\" must be an optional string that is not nullable";
            return null;
        }

        return new BuiltInHandlerSpec(BuiltInMethod.SecretRotate, name, token?.Name, members);
    }

    private static BuiltInHandlerSpec? Delete(MethodSpec method, ObjectSpec? input, ref string? mismatch) =>
        Expect(method.Kind == XrpcMethodKind.Procedure && method.Parameters is null && method.Output is null, "a procedure without parameters or output", ref mismatch)
        && RequiredString(input, "name", "input", ref mismatch) is { } name
            ? new BuiltInHandlerSpec(BuiltInMethod.SecretDelete, name, null, EquatableArray<string>.Empty)
            : null;

    private static BuiltInHandlerSpec? List(MethodSpec method, ObjectSpec? output, Func<string, ObjectSpec?> objects, ref string? mismatch)
    {
        if (!Expect(method.Kind == XrpcMethodKind.Query && method.Input is null && method.Parameters is null, "a query without input or parameters", ref mismatch)
            || Sets(output, ["secrets"], "output", ref mismatch) is not { } members)
        {
            return null;
        }

        var secrets = output!.Properties.First(p => p.JsonName == "secrets");
        var item = secrets.Value is { Kind: ValueKind.Object, IsArray: true } ? objects(secrets.Value.ClrType) : null;
        if (item is null)
        {
            mismatch = "output \"secrets\" must be an array of an object of this lexicon";
            return null;
        }

        if (Sets(item, ["name", "createdAt"], "a listed secret", ref mismatch, optional: "lastRotatedAt") is not { } itemMembers)
        {
            return null;
        }

        return new BuiltInHandlerSpec(BuiltInMethod.SecretList, null, null, members, item.FullName, itemMembers);
    }

    private static bool Expect(bool condition, string what, ref string? mismatch)
    {
        if (!condition)
        {
            mismatch = "it must be " + what;
        }

        return condition;
    }

    private static string? RequiredString(ObjectSpec? type, string jsonName, string where, ref string? mismatch)
    {
        var property = type?.Properties.FirstOrDefault(p => p.JsonName == jsonName);
        if (property is { IsRequired: true, IsNullable: false, Value: { Kind: ValueKind.String, IsArray: false } })
        {
            return property.Name;
        }

        mismatch = $"{where} \"{jsonName}\" must be a required string that is not nullable";
        return null;
    }

    /// <summary>
    /// The C# names of the members the handler sets, when <paramref name="type"/> has each as a required string
    /// (or, for <c>secrets</c>, any required value) and requires nothing else; <paramref name="optional"/> may also be
    /// there as an optional string.
    /// </summary>
    private static EquatableArray<string>? Sets(ObjectSpec? type, string[] jsonNames, string where, ref string? mismatch, string? optional = null)
    {
        if (type is null)
        {
            mismatch = $"its {where} must be an object written in the lexicon";
            return null;
        }

        var names = new List<string>();
        foreach (var jsonName in jsonNames)
        {
            var property = type.Properties.FirstOrDefault(p => p.JsonName == jsonName);
            var ok = property is { IsRequired: true, IsNullable: false }
                && (jsonName == "secrets" || property.Value is { Kind: ValueKind.String, IsArray: false });
            if (!ok)
            {
                mismatch = $"{where} \"{jsonName}\" must be a required string that is not nullable";
                return null;
            }

            names.Add(property!.Name);
        }

        if (optional is not null)
        {
            var property = type.Properties.FirstOrDefault(p => p.JsonName == optional);
            if (property is not { IsRequired: false, IsNullable: false, Value: { Kind: ValueKind.String, IsArray: false } })
            {
                mismatch = $"{where} \"{optional}\" must be an optional string that is not nullable";
                return null;
            }

            names.Add(property.Name);
        }

        if (type.Properties.FirstOrDefault(p => p.IsRequired && Array.IndexOf(jsonNames, p.JsonName) < 0) is { } extra)
        {
            mismatch = $"{where} requires \"{extra.JsonName}\", which the built-in handler cannot set";
            return null;
        }

        return names.ToEquatableArray();
    }
}
