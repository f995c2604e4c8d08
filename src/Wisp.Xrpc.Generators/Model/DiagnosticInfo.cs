using System;
using Microsoft.CodeAnalysis;

namespace Wisp.Xrpc.Generators.Model;

/// <summary>
/// A diagnostic as data. It holds the descriptor's ID rather than the descriptor and plain message
/// arguments, so it compares by value.
/// </summary>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] messageArgs) =>
        new(descriptor.Id, location, messageArgs.ToEquatableArray());

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.DiagnosticDescriptors.Find(DescriptorId)
            ?? throw new InvalidOperationException($"Unknown diagnostic {DescriptorId}");
        var args = new object[MessageArgs.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = MessageArgs[i];
        }

        return Diagnostic.Create(descriptor, Location.ToLocation(), args);
    }
}
