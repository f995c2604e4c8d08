namespace Wisp.Xrpc;

/// <summary>
/// A property its lexicon makes both optional and nullable, where absent and <c>null</c> mean different things
/// (e.g. <c>swapRecord</c> of com.atproto.repo.putRecord: absent skips the check, <c>null</c> asks that no record
/// exists yet). <c>default</c> is absent; assigning a value or <c>null</c> makes it present.
/// </summary>
/// <typeparam name="T">The property's nullable type (<c>string?</c>, <c>long?</c>, …).</typeparam>
public readonly record struct Optional<T>
{
    /// <summary>A present property with <paramref name="value"/>, which may be null.</summary>
    public Optional(T value)
    {
        Value = value;
        IsPresent = true;
    }

    /// <summary>True when the property was given (as a value or as <c>null</c>).</summary>
    public bool IsPresent { get; }

    /// <summary>The value; <c>null</c> when it was given as null, and when it is absent.</summary>
    public T Value { get; }

    /// <summary>Makes a present property of a value or <c>null</c>.</summary>
    public static implicit operator Optional<T>(T value) => new(value);

    /// <inheritdoc />
    public override string ToString() => IsPresent ? Value?.ToString() ?? "null" : "(absent)";
}
