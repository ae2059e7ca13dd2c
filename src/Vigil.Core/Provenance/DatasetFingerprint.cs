namespace Vigil.Core.Provenance;

/// <summary>
/// What identifies a dataset's content: <see cref="ContentHash"/> over the canonical form (see
/// <see cref="CanonicalCells"/>), <see cref="SchemaHash"/> over names and storage types, the row count and one
/// digest per column. Hashes are lowercase hexadecimal SHA-256.
/// </summary>
/// <param name="ContentHash">SHA-256 of the canonical header and rows (row order matters unless <paramref name="RowOrderInsensitive"/>).</param>
/// <param name="RowOrderInsensitive">True when <paramref name="ContentHash"/> ignores row order (sorted per-row digests).</param>
/// <param name="SchemaHash">SHA-256 of each column's name and storage type (<c>number</c>, <c>timestamp</c>, <c>string</c>).</param>
/// <param name="RowCount">Number of rows.</param>
/// <param name="Columns">Per-column digests in file order.</param>
public sealed record DatasetFingerprint(string ContentHash, bool RowOrderInsensitive, string SchemaHash, int RowCount, IReadOnlyList<ColumnDigest> Columns)
{
    /// <summary>The id used in the lineage store: <c>dataset:</c> and the first 16 hex digits of the content hash.</summary>
    public string LineageId => "dataset:" + ContentHash[..16];
}

/// <summary>One column's digest.</summary>
/// <param name="Name">Column name.</param>
/// <param name="StorageType"><c>number</c>, <c>timestamp</c> or <c>string</c>.</param>
/// <param name="Digest">SHA-256 of the column's canonical values in row order, each followed by the row terminator.</param>
/// <param name="Count">Number of values (rows).</param>
/// <param name="Nulls">Number of missing values.</param>
/// <param name="Distinct">Number of distinct non-missing canonical values.</param>
public sealed record ColumnDigest(string Name, string StorageType, string Digest, int Count, int Nulls, int Distinct);
