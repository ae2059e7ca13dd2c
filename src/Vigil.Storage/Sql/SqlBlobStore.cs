using System.Security.Cryptography;

namespace Vigil.Storage.Sql;

internal sealed class SqlBlobStore(SqlDialect db) : IBlobStore
{
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        await db.ExecuteAsync("INSERT INTO blobs (sha256, size_bytes, content, created_at) VALUES ($s, $n, $b, $t) ON CONFLICT (sha256) DO NOTHING", ct,
            ("s", sha), ("n", (long)content.Length), ("b", content.ToArray()), ("t", DateTime.UtcNow)).ConfigureAwait(false);
        return sha;
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken ct = default)
    {
        var list = await db.QueryAsync("SELECT content FROM blobs WHERE sha256 = $s", r => db.ReadBytes(r, 0), ct, ("s", sha256)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }
}

internal sealed class SqlDatasetStore(SqlDialect db, SqlBlobStore blobs) : IDatasetStore
{
    public async Task<DatasetRecord> PutAsync(string name, string format, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(format);
        var id = await blobs.PutAsync(content, ct).ConfigureAwait(false);
        await db.ExecuteAsync("INSERT INTO datasets (id, name, format, size_bytes, created_at) VALUES ($i, $n, $f, $s, $t) ON CONFLICT (id) DO NOTHING", ct,
            ("i", id), ("n", name), ("f", format), ("s", (long)content.Length), ("t", Time.TruncateToMicroseconds(DateTimeOffset.UtcNow))).ConfigureAwait(false);
        return (await GetAsync(id, ct).ConfigureAwait(false))!;
    }

    public async Task<DatasetRecord?> GetAsync(string id, CancellationToken ct = default)
    {
        var list = await db.QueryAsync("SELECT id, name, format, size_bytes, created_at FROM datasets WHERE id = $i",
            r => new DatasetRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), Time.ReadOffset(r, 4)), ct, ("i", id)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<byte[]?> ReadContentAsync(string id, CancellationToken ct = default)
    {
        if (await GetAsync(id, ct).ConfigureAwait(false) is null) return null;
        return await blobs.GetAsync(id, ct).ConfigureAwait(false);
    }
}
