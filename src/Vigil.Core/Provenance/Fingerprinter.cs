using System.Security.Cryptography;
using Vigil.Core.Data;

namespace Vigil.Core.Provenance;

/// <summary>
/// Computes a <see cref="DatasetFingerprint"/>.
/// <para>
/// Ordered content hash: SHA-256 of the canonical bytes — the header (column names as text) then every row, each
/// terminated by 0x1E, fields separated by 0x1F (<see cref="CanonicalCells"/>). Row-order-insensitive content
/// hash: SHA-256 of the canonical header row followed by the 32-byte SHA-256 digests of each canonical row (its
/// terminator included) sorted in ascending byte order — a permutation of the rows gives the same sorted list,
/// while any changed, added or removed row changes it (a multiset hash, so duplicated rows still count).
/// Schema hash: SHA-256 of <c>name 0x1F type 0x1E</c> per column with type ∈ {number, timestamp, string}
/// (categorical, boolean and text columns are all <c>string</c>, since Parquet and CSV may disagree on the finer
/// inference). Cost: O(total canonical bytes) hashing plus, for the insensitive form, O(n log n) sorting of
/// 32-byte digests; memory O(n·32 bytes) for that form, O(widest row) otherwise.
/// </para>
/// </summary>
public static class Fingerprinter
{
    /// <summary>Fingerprints <paramref name="frame"/>.</summary>
    public static DatasetFingerprint Compute(DataFrame frame, bool rowOrderInsensitive = false)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var columns = frame.Columns;
        var m = columns.Count;
        var n = frame.RowCount;
        var buffer = new ByteBuffer();

        // header
        for (var j = 0; j < m; j++)
        {
            if (j > 0) buffer.Add(CanonicalCells.FieldSeparator);
            CanonicalCells.AppendText(buffer, columns[j].Name);
        }
        buffer.Add(CanonicalCells.RowTerminator);
        var header = buffer.ToArray();

        var categoryBytes = new byte[m][][];
        for (var j = 0; j < m; j++)
            if (columns[j] is CategoricalColumn c)
            {
                categoryBytes[j] = new byte[c.Categories.Length][];
                for (var k = 0; k < c.Categories.Length; k++) categoryBytes[j][k] = CanonicalCells.EncodeText(c.Categories[k]);
            }

        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        content.AppendData(header);
        var columnHashes = new IncrementalHash[m];
        for (var j = 0; j < m; j++) columnHashes[j] = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rowDigests = rowOrderInsensitive ? new byte[checked(n * 32)] : null;
        var cellStart = new int[m];
        ReadOnlySpan<byte> terminator = [CanonicalCells.RowTerminator];

        try
        {
            for (var i = 0; i < n; i++)
            {
                buffer.Clear();
                for (var j = 0; j < m; j++)
                {
                    if (j > 0) buffer.Add(CanonicalCells.FieldSeparator);
                    cellStart[j] = buffer.Length;
                    AppendCell(buffer, columns[j], categoryBytes[j], i);
                    columnHashes[j].AppendData(buffer.Span[cellStart[j]..]);
                    columnHashes[j].AppendData(terminator);
                }
                buffer.Add(CanonicalCells.RowTerminator);
                if (rowDigests is null) content.AppendData(buffer.Span);
                else SHA256.HashData(buffer.Span, rowDigests.AsSpan(i * 32, 32));
            }

            string contentHash;
            if (rowDigests is null) contentHash = Convert.ToHexStringLower(content.GetHashAndReset());
            else
            {
                var order = SortDigests(rowDigests, n);
                for (var k = 0; k < n; k++) content.AppendData(rowDigests.AsSpan(order[k] * 32, 32));
                contentHash = Convert.ToHexStringLower(content.GetHashAndReset());
            }

            var digests = new ColumnDigest[m];
            for (var j = 0; j < m; j++)
            {
                var c = columns[j];
                digests[j] = new ColumnDigest(c.Name, StorageType(c), Convert.ToHexStringLower(columnHashes[j].GetHashAndReset()), n, c.MissingCount(), Distinct(c));
            }
            return new DatasetFingerprint(contentHash, rowOrderInsensitive, SchemaHash(columns), n, digests);
        }
        finally
        {
            foreach (var h in columnHashes) h.Dispose();
        }
    }

    /// <summary>SHA-256 of the names and storage types.</summary>
    public static string SchemaHash(IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var b = new ByteBuffer();
        foreach (var c in columns)
        {
            CanonicalCells.AppendText(b, c.Name);
            b.Add(CanonicalCells.FieldSeparator);
            CanonicalCells.AppendText(b, StorageType(c));
            b.Add(CanonicalCells.RowTerminator);
        }
        return Convert.ToHexStringLower(SHA256.HashData(b.Span));
    }

    /// <summary>The storage type name of a column: <c>number</c>, <c>timestamp</c> or <c>string</c>.</summary>
    public static string StorageType(Column column) => column switch
    {
        NumericColumn => "number",
        TimestampColumn => "timestamp",
        _ => "string",
    };

    private static void AppendCell(ByteBuffer buffer, Column column, byte[][]? categories, int row)
    {
        switch (column)
        {
            case NumericColumn num:
                CanonicalCells.AppendNumber(buffer, num.Values[row]);
                break;
            case CategoricalColumn cat:
                var code = cat.Codes[row];
                if (code < 0) buffer.Add(CanonicalCells.MissingByte);
                else buffer.Add(categories![code]);
                break;
            case TimestampColumn ts:
                CanonicalCells.AppendTimestamp(buffer, ts.Ticks[row]);
                break;
            default:
                var text = column.GetText(row);
                if (text is null) buffer.Add(CanonicalCells.MissingByte);
                else CanonicalCells.AppendText(buffer, text);
                break;
        }
    }

    private static int[] SortDigests(byte[] digests, int n)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) => digests.AsSpan(a * 32, 32).SequenceCompareTo(digests.AsSpan(b * 32, 32)));
        return order;
    }

    private static int Distinct(Column column)
    {
        switch (column)
        {
            case NumericColumn num:
                var set = new HashSet<long>();
                foreach (var v in num.Values)
                    if (!double.IsNaN(v)) set.Add(BitConverter.DoubleToInt64Bits(v));
                return set.Count;
            case CategoricalColumn cat:
                var used = new bool[cat.Categories.Length];
                var count = 0;
                foreach (var c in cat.Codes)
                    if (c >= 0 && !used[c]) { used[c] = true; count++; }
                return count;
            case TimestampColumn ts:
                var t = new HashSet<long>();
                foreach (var v in ts.Ticks)
                    if (v != TimestampColumn.Missing) t.Add(v);
                return t.Count;
            default:
                var s = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < column.Length; i++)
                    if (column.GetText(i) is { } x) s.Add(x);
                return s.Count;
        }
    }
}
