using System.Security.Cryptography;
using System.Text;
using Vigil.Storage;
using Vigil.Storage.Sql;
using Xunit;

namespace Vigil.Storage.Tests;

/// <summary>
/// The one conformance suite every backend must pass (Orleans-style provider kit): subclasses open a fresh database
/// and give raw SQL access for tampering.
/// </summary>
public abstract class StoreConformance : IAsyncLifetime
{
    protected IVigilStore Store { get; set; } = null!;

    /// <summary>Opens (or re-opens) the test database.</summary>
    protected abstract Task<IVigilStore> OpenAsync();

    /// <summary>Creates the empty test database (temp dir / schema).</summary>
    protected abstract Task CreateAsync();

    /// <summary>Drops the test database.</summary>
    protected abstract Task DropAsync();

    /// <summary>Runs SQL directly against the database while the store is closed; returns the first column of the first row.</summary>
    protected abstract Task<object?> RawSqlAsync(string sql);

    public async Task InitializeAsync()
    {
        await CreateAsync();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        if (Store is not null) await Store.DisposeAsync();
        await DropAsync();
    }

    /// <summary>Closes the store, runs SQL, re-opens the store.</summary>
    protected async Task<object?> TamperAsync(string sql)
    {
        await Store.DisposeAsync();
        Store = null!;
        var result = await RawSqlAsync(sql);
        Store = await OpenAsync();
        return result;
    }

    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    protected static FeatureSchema Schema(params (string Name, FeatureKind Kind)[] fields) =>
        new([.. fields.Select(f => new FeatureField(f.Name, f.Kind))]);

    /// <summary>A batch whose event i has id prefix+i, time T0 + i seconds, numeric feature value i*10+f, category "c{i%3}".</summary>
    protected static PredictionBatch Batch(FeatureSchema schema, string prefix, int count, int timeOffsetSeconds = 0)
    {
        var b = new PredictionBatch(schema, count) { Count = count };
        for (int i = 0; i < count; i++)
        {
            b.Ids[i] = prefix + i;
            b.Timestamps[i] = T0.AddSeconds(timeOffsetSeconds + i);
            b.Versions[i] = "v1";
            b.Predictions[i] = (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            b.Scores[i] = i / (double)(count + 1);
            for (int f = 0; f < schema.Fields.Count; f++)
            {
                if (schema.Fields[f].Kind == FeatureKind.Numeric) b.Numeric[f]![i] = i * 10 + f;
                else b.Categorical[f]![i] = "c" + (i % 3);
            }
        }
        return b;
    }

    // ---- migrations -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Migrations_AppliedOnce_ReopenIsNoOp()
    {
        Assert.Equal(Migrations.Latest, Store.SchemaVersion);
        await Store.Registry.CreateModelAsync(new ModelRecord("m", ModelTask.Binary, null, "1", DateTimeOffset.UtcNow));
        var rows = await TamperAsync("SELECT count(*) FROM schema_migrations");
        Assert.Equal(Migrations.All.Count, Convert.ToInt32(rows));
        Assert.Equal(Migrations.Latest, Store.SchemaVersion);
        Assert.NotNull(await Store.Registry.GetModelAsync("m"));
        var again = await TamperAsync("SELECT count(*) FROM schema_migrations");
        Assert.Equal(Migrations.All.Count, Convert.ToInt32(again));
    }

    // ---- registry ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Registry_ModelsVersionsRoundTrip()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234560);
        Assert.True(await Store.Registry.CreateModelAsync(new ModelRecord("credit", ModelTask.Binary, "scores", "1", at)));
        Assert.False(await Store.Registry.CreateModelAsync(new ModelRecord("credit", ModelTask.Regression, null, null, at)));
        Assert.True(await Store.Registry.CreateModelAsync(new ModelRecord("a-model", ModelTask.Multiclass, null, null, at)));
        var m = await Store.Registry.GetModelAsync("credit");
        Assert.Equal(new ModelRecord("credit", ModelTask.Binary, "scores", "1", at), m);
        Assert.Equal(at.UtcTicks, m!.CreatedAt.UtcTicks);
        Assert.Null(await Store.Registry.GetModelAsync("nope"));
        Assert.Equal(["a-model", "credit"], (await Store.Registry.ListModelsAsync()).Select(x => x.Name));

        var tags = new Dictionary<string, string> { ["team"] = "risk", ["quote\"d"] = "x'y" };
        Assert.True(await Store.Registry.AddVersionAsync(new ModelVersionRecord("credit", "2", "onnx", "ab", "fp", "{\"a\":1}", tags, at.AddDays(1))));
        Assert.True(await Store.Registry.AddVersionAsync(new ModelVersionRecord("credit", "1", null, null, null, null, new Dictionary<string, string>(), at)));
        Assert.False(await Store.Registry.AddVersionAsync(new ModelVersionRecord("credit", "1", "x", null, null, null, new Dictionary<string, string>(), at)));
        var v2 = await Store.Registry.GetVersionAsync("credit", "2");
        Assert.NotNull(v2);
        Assert.Equal("onnx", v2!.Framework);
        Assert.Equal("{\"a\":1}", v2.EvaluationJson);
        Assert.Equal(tags, v2.Tags);
        Assert.Equal(["1", "2"], (await Store.Registry.ListVersionsAsync("credit")).Select(v => v.Version));
        Assert.Null(await Store.Registry.GetVersionAsync("credit", "9"));
    }

    [Fact]
    public async Task Registry_AliasHistoryRecordsEveryMove()
    {
        var t = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        await Store.Registry.SetAliasAsync(new AliasChange("m", "prod", null, "1", "set", null, "local", t));
        await Store.Registry.SetAliasAsync(new AliasChange("m", "prod", "1", "2", "promote", "{\"gate\":true}", "key1", t.AddHours(1)));
        await Store.Registry.SetAliasAsync(new AliasChange("m", "staging", null, "3", "set", null, "key1", t.AddHours(2)));
        await Store.Registry.SetAliasAsync(new AliasChange("m", "prod", "2", "1", "rollback", null, "key1", t.AddHours(3)));
        var prod = await Store.Registry.GetAliasAsync("m", "prod");
        Assert.Equal(new AliasRecord("m", "prod", "1", t.AddHours(3)), prod);
        Assert.Equal(["prod", "staging"], (await Store.Registry.ListAliasesAsync("m")).Select(a => a.Alias));
        var history = await Store.Registry.AliasHistoryAsync("m", "prod");
        Assert.Equal(["set", "promote", "rollback"], history.Select(h => h.Kind));
        Assert.Equal(new AliasChange("m", "prod", "1", "2", "promote", "{\"gate\":true}", "key1", t.AddHours(1)), history[1]);
        Assert.Equal(4, (await Store.Registry.AliasHistoryAsync("m")).Count);
        Assert.Null(await Store.Registry.GetAliasAsync("m", "none"));
    }

    // ---- blobs, datasets --------------------------------------------------------------------------------------

    [Fact]
    public async Task Blobs_ContentAddressedBySha256()
    {
        // FIPS 180-2 appendix B.1 test vector: SHA-256("abc").
        var sha = await Store.Blobs.PutAsync(Encoding.ASCII.GetBytes("abc"));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", sha);
        Assert.Equal(sha, await Store.Blobs.PutAsync(Encoding.ASCII.GetBytes("abc")));
        Assert.Equal((byte[])[97, 98, 99], await Store.Blobs.GetAsync(sha));
        var big = new byte[300_000];
        new Random(5).NextBytes(big);
        var bigSha = await Store.Blobs.PutAsync(big);
        Assert.Equal(big, await Store.Blobs.GetAsync(bigSha));
        Assert.Empty((await Store.Blobs.GetAsync(await Store.Blobs.PutAsync(ReadOnlyMemory<byte>.Empty)))!);
        Assert.Null(await Store.Blobs.GetAsync(new string('1', 64)));

        var ds = await Store.Datasets.PutAsync("ref.csv", "csv", "a,b\n1,2\n"u8.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("a,b\n1,2\n"u8)), ds.Id);
        Assert.Equal(8, ds.SizeBytes);
        Assert.Equal(ds, await Store.Datasets.GetAsync(ds.Id));
        Assert.Equal(ds, await Store.Datasets.PutAsync("again.csv", "csv", "a,b\n1,2\n"u8.ToArray()));
        Assert.Equal(Encoding.ASCII.GetBytes("a,b\n1,2\n"), await Store.Datasets.ReadContentAsync(ds.Id));
        Assert.Null(await Store.Datasets.GetAsync("x"));
        Assert.Null(await Store.Datasets.ReadContentAsync(sha));
    }

    // ---- predictions ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Predictions_RoundTripTypedColumns()
    {
        var schema = Schema(("age", FeatureKind.Numeric), ("city", FeatureKind.Categorical), ("x\"; DROP TABLE models; --", FeatureKind.Numeric));
        await Store.Predictions.EnsureSchemaAsync("m", schema);
        Assert.Equal(schema.Fields, (await Store.Predictions.GetSchemaAsync("m"))!.Fields);
        var b = Batch(schema, "e", 5);
        b.Numeric[0]![1] = double.NaN;
        b.Categorical[1]![2] = null;
        b.Versions[3] = null;
        b.Predictions[3] = null;
        b.Scores[4] = double.NaN;
        b.ScoresJson[4] = "{\"a\":0.2,\"b\":0.8}";
        b.Timestamps[0] = b.Timestamps[0].AddTicks(1234560); // microseconds survive
        b.Timestamps[2] = b.Timestamps[1];                      // tie: ordered by id
        var r = await Store.Predictions.AppendAsync("m", b);
        Assert.Equal(5, r.Inserted);
        Assert.Empty(r.DuplicateIndexes);
        Assert.Equal(5, await Store.Predictions.CountAsync("m"));
        Assert.NotNull(await Store.Registry.ListModelsAsync()); // the injected feature name did not touch other tables

        var rows = await Store.Predictions.ReadRangeAsync("m", b.Timestamps[0], b.Timestamps[4].AddTicks(10));
        Assert.Equal(5, rows.Count);
        var o = rows.Batch;
        Assert.Equal(["e0", "e1", "e2", "e3", "e4"], o.Ids);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(b.Timestamps[i], o.Timestamps[i]);
            Assert.Equal(DateTimeKind.Utc, o.Timestamps[i].Kind);
            Assert.Equal(b.Versions[i], o.Versions[i]);
            Assert.Equal(b.Predictions[i], o.Predictions[i]);
            Assert.Equal(b.Scores[i], o.Scores[i]);
            Assert.Equal(b.ScoresJson[i], o.ScoresJson[i]);
            Assert.Equal(b.Numeric[0]![i], o.Numeric[0]![i]);
            Assert.Equal(b.Categorical[1]![i], o.Categorical[1]![i]);
            Assert.Equal(b.Numeric[2]![i], o.Numeric[2]![i]);
            Assert.Null(rows.Labels[i]);
        }
        // A bound one tick past the last event still includes it (times are stored to the microsecond).
        Assert.Equal(5, (await Store.Predictions.ReadRangeAsync("m", b.Timestamps[0], b.Timestamps[4].AddTicks(1))).Count);
        Assert.Equal(4, (await Store.Predictions.ReadRangeAsync("m", b.Timestamps[0].AddTicks(1), b.Timestamps[4].AddTicks(1))).Count);
        // [from, to): the upper bound is exclusive, the lower inclusive.
        Assert.Equal(["e1", "e2", "e3"], (await Store.Predictions.ReadRangeAsync("m", b.Timestamps[1], b.Timestamps[4])).Batch.Ids);
        Assert.Equal((b.Timestamps[0], b.Timestamps[4]), await Store.Predictions.TimeSpanAsync("m"));
        Assert.Null(await Store.Predictions.TimeSpanAsync("unknown"));
        Assert.Equal(0, await Store.Predictions.CountAsync("unknown"));
        Assert.Null(await Store.Predictions.GetSchemaAsync("unknown"));
        Assert.Equal(0, (await Store.Predictions.ReadRangeAsync("unknown", DateTime.MinValue, DateTime.MaxValue)).Count);

        await Store.Labels.AppendAsync("m", [new LabelEvent("e0", "1", null), new LabelEvent("e4", "1", null)]);
        Assert.Equal(3, await Store.Predictions.DeleteBeforeAsync("m", b.Timestamps[3]));
        Assert.Equal(1, await Store.Labels.CountAsync("m")); // the deleted event's label goes with it
        Assert.Equal(["e3", "e4"], (await Store.Predictions.ReadRangeAsync("m", T0.AddDays(-1), T0.AddDays(1))).Batch.Ids);
    }

    [Fact]
    public async Task Predictions_AppendIsIdempotentOnModelAndId()
    {
        var schema = Schema(("a", FeatureKind.Numeric));
        var first = await Store.Predictions.AppendAsync("m", Batch(schema, "e", 10));
        Assert.Equal(10, first.Inserted);
        var again = await Store.Predictions.AppendAsync("m", Batch(schema, "e", 10));
        Assert.Equal(0, again.Inserted);
        Assert.Equal(Enumerable.Range(0, 10), again.DuplicateIndexes);
        // Overlap: e0..e14 where e0..e9 exist; one stored value must not change.
        var overlap = Batch(schema, "e", 15);
        overlap.Numeric[0]![3] = -1;
        var r = await Store.Predictions.AppendAsync("m", overlap);
        Assert.Equal(5, r.Inserted);
        Assert.Equal(Enumerable.Range(0, 10), r.DuplicateIndexes);
        Assert.Equal(15, await Store.Predictions.CountAsync("m"));
        var rows = await Store.Predictions.ReadRangeAsync("m", T0, T0.AddDays(1));
        Assert.Equal(30, rows.Batch.Numeric[0]![Array.IndexOf(rows.Batch.Ids, "e3")]);
        // The same id in another model is a different event.
        Assert.Equal(10, (await Store.Predictions.AppendAsync("other", Batch(schema, "e", 10))).Inserted);
    }

    [Fact]
    public async Task Predictions_DuplicatesInsideOneBatchAreReported()
    {
        var schema = Schema(("a", FeatureKind.Numeric));
        var b = Batch(schema, "e", 6);
        b.Ids[2] = "e0";
        b.Ids[5] = "e0";
        b.Ids[4] = "e1";
        var r = await Store.Predictions.AppendAsync("m", b);
        Assert.Equal(3, r.Inserted);
        Assert.Equal([2, 4, 5], r.DuplicateIndexes);
        var rows = await Store.Predictions.ReadRangeAsync("m", T0, T0.AddDays(1));
        Assert.Equal(["e0", "e1", "e3"], rows.Batch.Ids);
        Assert.Equal(0, rows.Batch.Numeric[0]![0]); // the first occurrence wins
        // Mixed: stored ids and repeats in one batch.
        var mixed = new PredictionBatch(schema, 4) { Count = 4 };
        string[] ids = ["e9", "e0", "e9", "e8"];
        for (int i = 0; i < 4; i++) { mixed.Ids[i] = ids[i]; mixed.Timestamps[i] = T0.AddSeconds(100 + i); mixed.Numeric[0]![i] = i; mixed.Scores[i] = double.NaN; }
        var m = await Store.Predictions.AppendAsync("m", mixed);
        Assert.Equal(2, m.Inserted);
        Assert.Equal([1, 2], m.DuplicateIndexes);
    }

    [Fact]
    public async Task Predictions_SchemaWidensWithNewFeatures()
    {
        var v1 = Schema(("a", FeatureKind.Numeric), ("b", FeatureKind.Categorical));
        await Store.Predictions.AppendAsync("m", Batch(v1, "old", 3));
        var v2 = Schema(("c", FeatureKind.Numeric), ("a", FeatureKind.Numeric), ("d", FeatureKind.Categorical));
        await Store.Predictions.EnsureSchemaAsync("m", v2);
        var stored = await Store.Predictions.GetSchemaAsync("m");
        Assert.Equal(["a", "b", "c", "d"], stored!.Fields.Select(f => f.Name));
        await Store.Predictions.AppendAsync("m", Batch(v2, "new", 2, 100));
        var rows = await Store.Predictions.ReadRangeAsync("m", T0, T0.AddDays(1));
        var o = rows.Batch;
        Assert.Equal(["old0", "old1", "old2", "new0", "new1"], o.Ids);
        Assert.Equal((double[])[0, 10, 20, 1, 11], o.Numeric[0]!);                       // a: v1 ordinal 0, v2 ordinal 1
        Assert.Equal((string?[])["c0", "c1", "c2", null, null], o.Categorical[1]!.AsEnumerable());         // b absent from v2
        Assert.True(double.IsNaN(o.Numeric[2]![0]));                             // c absent from v1
        Assert.Equal(0, o.Numeric[2]![3]);
        Assert.Equal((string?[])["c0", "c1"], o.Categorical[3]![3..].AsEnumerable());
        // Re-ensuring is a no-op; a kind change is a caller error.
        await Store.Predictions.EnsureSchemaAsync("m", v1);
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Predictions.EnsureSchemaAsync("m", Schema(("a", FeatureKind.Categorical))));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Predictions.AppendAsync("m", Batch(Schema(("b", FeatureKind.Numeric)), "z", 1)));
        // The schema survives re-opening.
        await TamperAsync("SELECT 1");
        Assert.Equal(["a", "b", "c", "d"], (await Store.Predictions.GetSchemaAsync("m"))!.Fields.Select(f => f.Name));
    }

    [Fact]
    public async Task Predictions_ParallelAppendsToOneModelLoseNothing()
    {
        var schema = Schema(("a", FeatureKind.Numeric), ("b", FeatureKind.Numeric));
        await Store.Predictions.EnsureSchemaAsync("m", schema);
        // 8 writers x 10 batches of 50; writers 2k and 2k+1 send the same ids, so half of all rows are duplicates.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            int inserted = 0, duplicates = 0;
            for (int k = 0; k < 10; k++)
            {
                var r = await Store.Predictions.AppendAsync("m", Batch(schema, $"w{w / 2}-{k}-", 50, k * 50));
                inserted += r.Inserted;
                duplicates += r.DuplicateIndexes.Count;
            }
            return (inserted, duplicates);
        })));
        Assert.Equal(2000, results.Sum(r => r.inserted));
        Assert.Equal(2000, results.Sum(r => r.duplicates));
        Assert.Equal(2000, await Store.Predictions.CountAsync("m"));
    }

    [Fact]
    public async Task Predictions_WideningWhileAppendingLosesNothing()
    {
        // Writer w uses features f0..fw, so the table widens while other writers append with narrower schemas.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var schema = Schema([.. Enumerable.Range(0, w + 1).Select(f => ("f" + f, FeatureKind.Numeric))]);
            for (int k = 0; k < 5; k++)
                Assert.Equal(20, (await Store.Predictions.AppendAsync("m", Batch(schema, $"w{w}-{k}-", 20, k * 20))).Inserted);
        })));
        Assert.Equal(600, await Store.Predictions.CountAsync("m"));
        var stored = await Store.Predictions.GetSchemaAsync("m");
        Assert.Equal(["f0", "f1", "f2", "f3", "f4", "f5"], stored!.Fields.Select(f => f.Name).Order());
        var rows = await Store.Predictions.ReadRangeAsync("m", T0, T0.AddDays(1));
        int f5 = stored.Fields.Select(f => f.Name).ToList().IndexOf("f5");
        int withF5 = Enumerable.Range(0, rows.Count).Count(i => !double.IsNaN(rows.Batch.Numeric[f5]![i]));
        Assert.Equal(100, withF5); // only writer 5 sent f5
    }

    // ---- labels -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Labels_JoinWhetherTheyArriveBeforeOrAfterTheEvent()
    {
        var schema = Schema(("a", FeatureKind.Numeric));
        // Before: e0 labelled ahead of its event.
        var early = await Store.Labels.AppendAsync("m", [new LabelEvent("e0", "1", null)]);
        Assert.Equal(new LabelAppendResult(1, 0, 1, []), early with { AffectedEventTimes = [] });
        Assert.Empty(early.AffectedEventTimes);
        var b = Batch(schema, "e", 4);
        await Store.Predictions.AppendAsync("m", b);
        // After: e2 and e3 labelled; x9 still pending; e3 twice (last wins).
        var late = await Store.Labels.AppendAsync("m",
        [
            new LabelEvent("e2", "0", b.Timestamps[2].AddHours(1)), new LabelEvent("e3", "0", null), new LabelEvent("x9", "1", null), new LabelEvent("e3", "1", null),
        ]);
        Assert.Equal(3, late.Stored);
        Assert.Equal(2, late.Matched);
        Assert.Equal(1, late.Pending);
        Assert.Equal([b.Timestamps[2], b.Timestamps[3]], late.AffectedEventTimes.Order());
        Assert.All(late.AffectedEventTimes, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        var rows = await Store.Predictions.ReadRangeAsync("m", T0, T0.AddDays(1));
        Assert.Equal((string?[])["1", null, "0", "1"], rows.Labels.AsEnumerable());
        // Relabel replaces.
        await Store.Labels.AppendAsync("m", [new LabelEvent("e0", "0", null)]);
        Assert.Equal((string?[])["0", null, "0", "1"], (await Store.Predictions.ReadRangeAsync("m", T0, T0.AddDays(1))).Labels.AsEnumerable());
        Assert.Equal(4, await Store.Labels.CountAsync("m"));
        Assert.Equal(0, await Store.Labels.CountAsync("other"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.Labels.AppendAsync("m", [new LabelEvent("e1", null!, null)]));
    }

    [Fact]
    public async Task Labels_LargeBatchSpansSeveralStatements()
    {
        var schema = Schema(("a", FeatureKind.Numeric));
        await Store.Predictions.AppendAsync("m", Batch(schema, "e", 1200));
        var labels = Enumerable.Range(0, 1500).Select(i => new LabelEvent("e" + i, (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture), null)).ToList();
        var r = await Store.Labels.AppendAsync("m", labels);
        Assert.Equal((1500, 1200, 300), (r.Stored, r.Matched, r.Pending));
        Assert.Equal(1200, r.AffectedEventTimes.Count);
        Assert.Equal(1500, await Store.Labels.CountAsync("m"));
    }

    // ---- audit ------------------------------------------------------------------------------------------------

    private async Task<IReadOnlyList<AuditEntry>> FiveAuditEntries()
    {
        for (int i = 1; i <= 5; i++)
            await Store.Audit.AppendAsync(new AuditDraft("key" + i, "model.create", "model:m" + i, i == 1 ? null : "{\"b\":" + i + "}", "{\"line\":\"a\\nb\"}"));
        return await Store.Audit.ReadAllAsync();
    }

    [Fact]
    public async Task Audit_ChainLinksEveryEntry()
    {
        var entries = await FiveAuditEntries();
        Assert.Equal([1L, 2, 3, 4, 5], entries.Select(e => e.Sequence));
        Assert.Equal(AuditChain.GenesisHash, entries[0].PreviousHash);
        for (int i = 1; i < 5; i++) Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
        foreach (var e in entries)
        {
            // Independent of ComputeHash: hash the canonical text with the BCL directly.
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditChain.CanonicalText(e)))), e.Hash);
            Assert.Matches("^[0-9a-f]{64}$", e.Hash);
        }
        Assert.Equal(new AuditVerification(true, 5, null, null), AuditChain.Verify(entries));
        Assert.Null(entries[0].BeforeJson);
    }

    [Fact]
    public async Task Audit_DetectsAnEditedRow()
    {
        await FiveAuditEntries();
        await TamperAsync("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
        var v = AuditChain.Verify(await Store.Audit.ReadAllAsync());
        Assert.False(v.Valid);
        Assert.Equal(3, v.FirstBadSequence);
        Assert.StartsWith("edited", v.Reason);
    }

    [Fact]
    public async Task Audit_DetectsADeletedRow()
    {
        await FiveAuditEntries();
        await TamperAsync("DELETE FROM audit_log WHERE seq = 2");
        var v = AuditChain.Verify(await Store.Audit.ReadAllAsync());
        Assert.False(v.Valid);
        Assert.Equal(3, v.FirstBadSequence);
        Assert.StartsWith("sequence gap", v.Reason);
    }

    [Fact]
    public async Task Audit_DetectsRenumberedAndReorderedRows()
    {
        var entries = await FiveAuditEntries();
        // Delete entry 2 and renumber the rest so the sequence has no gap: the link breaks.
        await TamperAsync("DELETE FROM audit_log WHERE seq = 2");
        await TamperAsync("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
        var v = AuditChain.Verify(await Store.Audit.ReadAllAsync());
        Assert.False(v.Valid);
        Assert.Equal(2, v.FirstBadSequence);
        Assert.False(AuditChain.Verify([entries[0], entries[2], entries[1], entries[3]]).Valid);
        Assert.StartsWith("out of order", AuditChain.Verify([entries[0], entries[2], entries[1]]).Reason);
        Assert.StartsWith("sequence gap", AuditChain.Verify([entries[0], entries[2]]).Reason);
        // Appending after tampering still chains to the stored last entry.
        var next = await Store.Audit.AppendAsync(new AuditDraft("a", "b", "c", null, null));
        Assert.Equal(5, next.Sequence);
    }

    [Fact]
    public async Task Audit_ParallelAppendsFormOneChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Store.Audit.AppendAsync(new AuditDraft("k", "act", "t" + i, null, null)))));
        var all = await Store.Audit.ReadAllAsync();
        Assert.Equal(20, all.Count);
        Assert.True(AuditChain.Verify(all).Valid);
    }

    // ---- monitors, windows, alerts, triggers, keys, reports ---------------------------------------------------

    [Fact]
    public async Task Monitors_PutReplaces()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(7);
        await Store.Monitors.PutAsync(new MonitorRecord("m", "{\"window\":\"1h\"}", "ds1", t));
        await Store.Monitors.PutAsync(new MonitorRecord("m", "{\"window\":\"1d\"}", "ds2", t.AddTicks(20)));
        await Store.Monitors.PutAsync(new MonitorRecord("a", "{}", "ds3", t));
        var m = await Store.Monitors.GetAsync("m");
        Assert.Equal("{\"window\":\"1d\"}", m!.ConfigJson);
        Assert.Equal("ds2", m.ReferenceDatasetId);
        Assert.Equal(t.AddTicks(20).UtcTicks / 10, m.UpdatedAt.UtcTicks / 10); // microseconds
        Assert.Equal(["a", "m"], (await Store.Monitors.ListAsync()).Select(x => x.Model));
        Assert.Null(await Store.Monitors.GetAsync("z"));
    }

    [Fact]
    public async Task Windows_UpsertListLatest()
    {
        var c = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        WindowRecord W(int h, bool closed, double? drift) =>
            new("m", T0.AddHours(h), T0.AddHours(h + 1), h, closed, 100 + h, h, drift, "{\"h\":" + h + "}", c);
        await Store.Windows.UpsertAsync(W(0, false, null));
        await Store.Windows.UpsertAsync(W(2, false, 0.5));
        await Store.Windows.UpsertAsync(W(1, true, 0.25));
        await Store.Windows.UpsertAsync(W(0, true, 0.1));
        Assert.Equal(W(0, true, 0.1), await Store.Windows.GetAsync("m", T0));
        Assert.Equal(DateTimeKind.Utc, (await Store.Windows.GetAsync("m", T0))!.Start.Kind);
        Assert.Equal(W(2, false, 0.5), await Store.Windows.LatestAsync("m"));
        Assert.Equal([0L, 1], (await Store.Windows.ListAsync("m", T0, T0.AddHours(2))).Select(w => w.Index));
        Assert.Equal([0L, 1, 2], (await Store.Windows.ListAsync("m", DateTime.MinValue, T0.AddHours(2).AddTicks(1))).Select(w => w.Index));
        Assert.Equal([1L, 2], (await Store.Windows.ListAsync("m", T0.AddTicks(1), DateTime.MaxValue)).Select(w => w.Index));
        Assert.Equal(0.5, (await Store.Windows.ListAsync("m", T0.AddHours(2), T0.AddHours(3)))[0].DriftShare);
        await Store.Windows.UpsertAsync(W(0, false, null) with { Model = "n" });
        Assert.Null((await Store.Windows.GetAsync("n", T0))!.DriftShare);
        Assert.Null(await Store.Windows.LatestAsync("other"));
        Assert.Null(await Store.Windows.GetAsync("m", T0.AddMinutes(1)));
    }

    [Fact]
    public async Task Alerts_InsertResolveList()
    {
        var t = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var a1 = await Store.Alerts.InsertAsync(new AlertRecord(0, "m", "drift", "drift_share > 0.3", "firing", T0, t, null, "{}"));
        var a2 = await Store.Alerts.InsertAsync(new AlertRecord(0, "m", "auc", "realized.roc_auc < 0.8", "firing", T0.AddHours(1), t.AddHours(1), null, "{\"v\":0.7}"));
        var a3 = await Store.Alerts.InsertAsync(new AlertRecord(0, "n", "drift", "drift_share > 0.3", "firing", T0, t.AddHours(2), null, "{}"));
        Assert.True(a1.Id > 0 && a2.Id > a1.Id && a3.Id > a2.Id);
        await Store.Alerts.ResolveAsync(a1.Id, t.AddHours(5));
        Assert.Equal([a3.Id, a2.Id, a1.Id], (await Store.Alerts.ListAsync()).Select(a => a.Id));
        var resolved = await Store.Alerts.ListAsync(state: "resolved");
        Assert.Equal(a1 with { State = "resolved", ResolvedAt = t.AddHours(5) }, Assert.Single(resolved));
        Assert.Equal([a2.Id], (await Store.Alerts.ListAsync("m", "firing")).Select(a => a.Id));
        Assert.Equal([a3.Id], (await Store.Alerts.ListAsync(limit: 1)).Select(a => a.Id));
    }

    [Fact]
    public async Task Triggers_InsertList()
    {
        var t = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var a = await Store.Triggers.InsertAsync(new TriggerRecord(0, "m", t, "drift", "{}"));
        var b = await Store.Triggers.InsertAsync(new TriggerRecord(0, "m", t.AddHours(1), "schedule", "{\"x\":1}"));
        await Store.Triggers.InsertAsync(new TriggerRecord(0, "n", t, "drift", "{}"));
        Assert.Equal([b, a], await Store.Triggers.ListAsync("m"));
    }

    [Fact]
    public async Task Keys_CreateRevokeAnyActive()
    {
        Assert.False(await Store.Keys.AnyActiveAsync());
        var t = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var k = new ApiKeyRecord("k1", "ci", KeyScope.Ingest, new string('a', 64), t, null);
        await Store.Keys.CreateAsync(k);
        await Store.Keys.CreateAsync(new ApiKeyRecord("k2", "admin", KeyScope.Admin, new string('b', 64), t.AddSeconds(1), null));
        Assert.Equal(k, await Store.Keys.GetAsync("k1"));
        Assert.True(await Store.Keys.AnyActiveAsync());
        Assert.True(await Store.Keys.RevokeAsync("k1", t.AddDays(1)));
        Assert.False(await Store.Keys.RevokeAsync("k1", t.AddDays(2)));
        Assert.False(await Store.Keys.RevokeAsync("nope", t));
        Assert.Equal(t.AddDays(1), (await Store.Keys.GetAsync("k1"))!.RevokedAt);
        Assert.True(await Store.Keys.RevokeAsync("k2", t.AddDays(1)));
        Assert.False(await Store.Keys.AnyActiveAsync());
        Assert.Equal(["k1", "k2"], (await Store.Keys.ListAsync()).Select(x => x.Id));
        Assert.Null(await Store.Keys.GetAsync("k3"));
    }

    [Fact]
    public async Task Reports_PutListGet()
    {
        var r1 = await Store.Reports.PutAsync("m", "drift", "Drift of m", "<html>1</html>", "{\"a\":1}");
        await Task.Delay(5);
        var r2 = await Store.Reports.PutAsync(null, "evaluate", "Eval", "<html>2</html>", null);
        Assert.Equal([r2.Id, r1.Id], (await Store.Reports.ListAsync()).Select(r => r.Id));
        Assert.Equal([r1], await Store.Reports.ListAsync("m"));
        var got = await Store.Reports.GetAsync(r1.Id);
        Assert.Equal((r1, "<html>1</html>", "{\"a\":1}"), got!.Value);
        Assert.Null((await Store.Reports.GetAsync(r2.Id))!.Value.Json);
        Assert.Null(await Store.Reports.GetAsync("none"));
    }
}
