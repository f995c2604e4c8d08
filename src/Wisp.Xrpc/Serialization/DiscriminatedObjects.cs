namespace Wisp.Xrpc.Serialization;

/// <summary>
/// Which of the objects a reader is inside were told apart by their <c>$type</c>: a union member, read after
/// <see cref="ILexiconReader.PeekType"/>. Such an object's <c>$type</c> is not kept with its undeclared properties,
/// because the union's writer writes it again (first); a plain object's <c>$type</c> is kept, so that it is written
/// back as it came.
/// </summary>
/// <remarks>
/// The readers record the position of the object a union looked into, then, as each object starts, whether it is
/// that one, one bit per depth (objects deeper than 63 keep their <c>$type</c>: correct, only slower). Generated code
/// does not see this: it reads a union member exactly as any object.
/// </remarks>
internal struct DiscriminatedObjects
{
    private long _peeked; // the position of the object whose $type was read ahead, plus one (0: none)
    private ulong _depths; // bit d: the object open at depth d is a union member

    /// <summary>A union read ahead the <c>$type</c> of the object at <paramref name="position"/>.</summary>
    public void Peeked(long position) => _peeked = position + 1;

    /// <summary>An object starts at <paramref name="position"/>, at <paramref name="depth"/>.</summary>
    public void Started(int depth, long position)
    {
        if (depth < 64)
        {
            var bit = 1UL << depth;
            _depths = _peeked == position + 1 ? _depths | bit : _depths & ~bit;
        }
    }

    /// <summary>Whether the object open at <paramref name="depth"/> is a union member.</summary>
    public readonly bool IsUnionMember(int depth) => depth < 64 && (_depths & (1UL << depth)) != 0;
}
