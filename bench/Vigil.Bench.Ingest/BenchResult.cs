using System.Globalization;
using System.Text;

namespace Vigil.Bench.Ingest;

internal sealed record BenchResult(string Op, long Events, double Seconds, List<double> LatenciesMs, List<(double At, long Kb)> Rss, int Failures)
{
    public double EventsPerSecond => Events / Seconds;

    public static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public string ToJson(int concurrency, int batch, string? round)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("{");
        if (round is not null) sb.Append(c, $"\"round\": {round}, ");
        sb.Append(c, $"\"bench\": \"ingest\", \"op\": \"{Op}\", \"events\": {Events}, \"seconds\": {Seconds:F3}, \"events_per_s\": {EventsPerSecond:F1}, ");
        sb.Append(c, $"\"batch\": {batch}, \"concurrency\": {concurrency}, \"batches\": {LatenciesMs.Count}, \"failures\": {Failures}, ");
        sb.Append(c, $"\"p50_ms\": {Percentile(LatenciesMs, 0.5):F2}, \"p99_ms\": {Percentile(LatenciesMs, 0.99):F2}");
        if (Rss.Count > 0)
        {
            sb.Append(", \"rss_mb\": [");
            for (int i = 0; i < Rss.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(c, $"[{Rss[i].At:F0}, {Rss[i].Kb / 1024.0:F1}]");
            }
            sb.Append(']');
        }
        return sb.Append('}').ToString();
    }
}
