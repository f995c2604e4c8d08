using System.Text;
using Wisp.Xrpc.DataModel;

namespace Wisp.Xrpc.Repository;

/// <summary>
/// The repository's Merkle Search Tree (atproto.com/specs/repository#mst-structure), read from blocks: nodes
/// <c>{"l": link|null, "e": [{"p", "k", "v", "t"}]}</c>, keys <c>collection/rkey</c> compressed against the previous
/// key of the node, each key's layer the number of leading zero bits of its SHA-256, halved (fanout 4). Walking checks
/// what makes a tree the one its root CID commits to: keys strictly increasing, one layer per node, children below it.
/// </summary>
public static class MerkleSearchTree
{
    private const int MaxLayers = 128; // SHA-256 has 256 bits: no key is deeper than layer 128

    /// <summary>The layer of <paramref name="key"/>: leading zero bits of SHA-256(key), in pairs.</summary>
    public static int Layer(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        Sha256Digest.Hash(Encoding.UTF8.GetBytes(key), hash);
        var zeros = 0;
        foreach (var b in hash)
        {
            if (b == 0)
            {
                zeros += 8;
                continue;
            }

            zeros += System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
            break;
        }

        return zeros / 2;
    }

    /// <summary>Every (key, value CID) of the tree rooted at <paramref name="root"/>, in key order.</summary>
    /// <param name="root">The root node (a commit's <c>data</c>).</param>
    /// <param name="blocks">Finds a block by CID, or null when it is not there (which is an error here).</param>
    public static IEnumerable<(string Key, Cid Value)> Walk(Cid root, Func<Cid, ReadOnlyMemory<byte>?> blocks)
    {
        var entries = new List<(string, Cid)>();
        string? last = null;
        Visit(root, blocks, MaxLayers + 1, entries, ref last, isRoot: true);
        return entries;
    }

    /// <summary>
    /// The value CID of <paramref name="key"/>, or null when the tree proves it absent. Only the nodes on the key's path
    /// are read, so a proof (a CAR with just those nodes) is enough; a missing node there is an error.
    /// </summary>
    public static Cid? Find(Cid root, string key, Func<Cid, ReadOnlyMemory<byte>?> blocks)
    {
        var node = root;
        var target = Encoding.UTF8.GetBytes(key);
        for (var hops = 0; hops <= MaxLayers; hops++)
        {
            var (left, entries) = ReadNode(node, blocks);
            Cid? next = left;
            foreach (var entry in entries)
            {
                var order = entry.Key.AsSpan().SequenceCompareTo(target);
                if (order == 0)
                {
                    return entry.Value;
                }

                if (order > 0)
                {
                    break;
                }

                next = entry.Tree;
            }

            if (next is not { } child)
            {
                return null;
            }

            node = child;
        }

        throw new RepositoryFormatException("The MST is deeper than any tree of SHA-256 layers can be");
    }

    private static void Visit(Cid cid, Func<Cid, ReadOnlyMemory<byte>?> blocks, int above, List<(string, Cid)> output, ref string? last, bool isRoot)
    {
        var (left, entries) = ReadNode(cid, blocks);

        // A node without entries is the root of an empty tree, or holds only a subtree one layer down (the reference
        // writes those where a layer has no key between two others).
        if (entries.Count == 0 && left is null && !isRoot)
        {
            throw new RepositoryFormatException($"The MST node {cid} is empty");
        }

        var layer = entries.Count > 0 ? Layer(Encoding.UTF8.GetString(entries[0].Key)) : above - 1;
        if (layer >= above || layer < 0)
        {
            throw new RepositoryFormatException($"The MST node {cid} is at layer {layer}, not below its parent's");
        }

        if (left is { } l)
        {
            Visit(l, blocks, layer, output, ref last, isRoot: false);
        }

        foreach (var entry in entries)
        {
            var key = Encoding.UTF8.GetString(entry.Key);
            if (Layer(key) != layer)
            {
                throw new RepositoryFormatException($"The MST key '{key}' is not at the layer of its node");
            }

            if (last is not null && string.CompareOrdinal(last, key) >= 0)
            {
                throw new RepositoryFormatException($"The MST keys are not in order: '{key}' after '{last}'");
            }

            last = key;
            output.Add((key, entry.Value));
            if (entry.Tree is { } t)
            {
                Visit(t, blocks, layer, output, ref last, isRoot: false);
            }
        }
    }

    private static (Cid? Left, List<(byte[] Key, Cid Value, Cid? Tree)> Entries) ReadNode(Cid cid, Func<Cid, ReadOnlyMemory<byte>?> blocks)
    {
        var block = blocks(cid) ?? throw new RepositoryFormatException($"The MST node {cid} is not in the CAR file");
        var node = Repositories.DecodeBlock(block, "MST node");
        if (node.Kind != DataModelKind.Map || node["e"] is not { Kind: DataModelKind.Array } e || node["l"] is not ({ Kind: DataModelKind.Null } or { Kind: DataModelKind.Link }) || node.Entries.Count != 2)
        {
            throw new RepositoryFormatException($"The block {cid} is not an MST node {{l, e}}");
        }

        var entries = new List<(byte[], Cid, Cid?)>(e.Items.Count);
        byte[] previous = [];
        foreach (var item in e.Items)
        {
            if (item.Kind != DataModelKind.Map || item.Entries.Count != 4
                || item["p"] is not { Kind: DataModelKind.Integer } p
                || item["k"] is not { Kind: DataModelKind.Bytes } k
                || item["v"] is not { Kind: DataModelKind.Link } v
                || item["t"] is not { } t
                || t.Kind is not (DataModelKind.Null or DataModelKind.Link))
            {
                throw new RepositoryFormatException($"An entry of the MST node {cid} is not {{p, k, v, t}}");
            }

            if (p.IntegerValue < 0 || p.IntegerValue > previous.Length || (entries.Count == 0 && p.IntegerValue != 0))
            {
                throw new RepositoryFormatException($"An entry of the MST node {cid} shares {p.IntegerValue} bytes with a key of {previous.Length}");
            }

            var key = new byte[p.IntegerValue + k.BytesValue.Length];
            previous.AsSpan(0, (int)p.IntegerValue).CopyTo(key);
            k.BytesValue.Span.CopyTo(key.AsSpan((int)p.IntegerValue));
            entries.Add((key, v.LinkValue, t.Kind == DataModelKind.Link ? t.LinkValue : null));
            previous = key;
        }

        var left = node["l"]!;
        return (left.Kind == DataModelKind.Link ? left.LinkValue : null, entries);
    }
}
