namespace Wisp.Xrpc.Validation;

/// <summary>
/// Lenient validation for the current thread, for the extent of a synchronous read: an <see cref="Client.XrpcClient"/>
/// reading a response with <see cref="Client.XrpcValidation.Lenient"/>. Generated readers are synchronous over a
/// buffered body, so a thread-static flag covers exactly that read and no other code.
/// </summary>
public static class LexiconValidationScope
{
    [ThreadStatic]
    private static bool t_lenient;

    /// <summary>True within a <see cref="Lenient"/> scope on this thread.</summary>
    public static bool IsLenient => t_lenient;

    /// <summary>Starts lenient validation on this thread until the returned scope is disposed.</summary>
    public static Scope Lenient()
    {
        var previous = t_lenient;
        t_lenient = true;
        return new Scope(previous);
    }

    /// <summary>Restores the previous mode when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _previous;

        internal Scope(bool previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => t_lenient = _previous;
    }
}
