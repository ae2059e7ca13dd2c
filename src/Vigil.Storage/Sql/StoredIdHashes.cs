namespace Vigil.Storage.Sql;

/// <summary>
/// A 64-bit FNV-1a hash (Fowler, Noll and Vo; 64-bit offset basis and prime from the FNV reference) of the UTF-16 code
/// units of every id stored in one prediction table: a membership test that may say
/// "maybe" for an id not stored (a hash collision, or a row since deleted), never "no" for a stored one. Not
/// thread-safe: used under the model's write lock. About 20 bytes per id (<see cref="HashSet{T}"/> of <see cref="ulong"/>).
/// </summary>
internal sealed class StoredIdHashes
{
    private readonly HashSet<ulong> _hashes = new();

    /// <summary>Number of hashes held.</summary>
    public int Count => _hashes.Count;

    /// <summary>The hash of an id.</summary>
    public static ulong Hash(string id)
    {
        ulong h = 14695981039346656037UL;
        foreach (var ch in id)
        {
            h = (h ^ (byte)ch) * 1099511628211UL;
            h = (h ^ (byte)(ch >> 8)) * 1099511628211UL;
        }
        return h;
    }

    /// <summary>Adds a hash.</summary>
    public void Add(ulong hash) => _hashes.Add(hash);

    /// <summary>True when an id with this hash may be stored.</summary>
    public bool Contains(ulong hash) => _hashes.Contains(hash);
}
