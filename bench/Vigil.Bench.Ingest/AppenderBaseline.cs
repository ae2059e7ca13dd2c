using System.Diagnostics;
using DuckDB.NET.Data;

namespace Vigil.Bench.Ingest;

/// <summary>
/// The ingest baseline (CONTRACTS "Benchmarks"): DuckDB's appender writing the same rows the server stores — id,
/// timestamp, version, prediction, score, scores_json and the 25 features (31 columns) — into a fresh file, one
/// appender (one commit) per batch, for a fixed time. With <c>group</c> &gt; 1, that many batches share one transaction
/// (one commit), like the server's group commit when concurrent requests queue up for one model; the latency recorded
/// is then per group.
/// </summary>
internal static class AppenderBaseline
{
    public static BenchResult Run(EventData data, string dbPath, double seconds, int batchSize, string runId, int group = 1)
    {
        foreach (var f in new[] { dbPath, dbPath + ".wal" }) if (File.Exists(f)) File.Delete(f);
        using var connection = new DuckDBConnection($"Data Source={dbPath}");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            var cols = new List<string> { "id VARCHAR", "timestamp TIMESTAMP", "version VARCHAR", "prediction VARCHAR", "score DOUBLE", "scores_json VARCHAR" };
            for (int c = 0; c < 20; c++) cols.Add($"\"{data.Columns[c]}\" DOUBLE");
            for (int c = 20; c < 25; c++) cols.Add($"\"{data.Columns[c]}\" VARCHAR");
            create.CommandText = $"CREATE TABLE predictions ({string.Join(", ", cols)})";
            create.ExecuteNonQuery();
        }
        var latencies = new List<double>();
        long events = 0;
        int row = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            long t0 = Stopwatch.GetTimestamp();
            using var tx = group > 1 ? connection.BeginTransaction() : null;
            for (int g = 0; g < group; g++)
            using (var appender = connection.CreateAppender("predictions"))
            {
                for (int i = 0; i < batchSize; i++, row++)
                {
                    int r = row % data.Rows;
                    var num = data.Numeric[r];
                    var cat = data.Categorical[r];
                    var rec = appender.CreateRow()
                        .AppendValue($"{runId}-{row}")
                        .AppendValue((DateTime?)EventData.TimeOf(r))
                        .AppendNullValue()
                        .AppendValue(data.Scores[r] >= 0.5 ? "1" : "0")
                        .AppendValue((double?)data.Scores[r])
                        .AppendNullValue();
                    for (int c = 0; c < 20; c++) rec = rec.AppendValue((double?)num[c]);
                    for (int c = 0; c < 5; c++) rec = rec.AppendValue(cat[c]);
                    rec.EndRow();
                }
            }
            tx?.Commit();
            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            events += (long)batchSize * group;
        }
        double elapsed = clock.Elapsed.TotalSeconds;
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "SELECT count(*) FROM predictions";
            long stored = Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (stored != events) throw new InvalidOperationException($"appender stored {stored} rows, expected {events}");
        }
        return new BenchResult(group > 1 ? $"appender-group{group}" : "appender", events, elapsed, latencies, new List<(double, long)>(), 0);
    }
}
