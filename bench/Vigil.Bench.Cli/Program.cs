using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core.Calibration;
using Vigil.Core.Evaluation;
using Vigil.Core.Metrics;
using Vigil.IO;

// In-process timings for bench/compare.sh, printed as JSON lines shaped like ../shared/bench/baselines/_common.py:
//   {"bench", "op", "rows", "reps", "first_s", "min_s", "median_s", "max_s", "times", ...}
// Usage:
//   Vigil.Bench.Cli load    --data FILE [--reps N]                       CSV -> DataFrame (Vigil.IO), N times
//   Vigil.Bench.Cli metrics --data FILE --label COL --score COL [--reps N]
// 'metrics' loads once (op load), prepares the binary sample (op prepare: label/score columns -> arrays), then per rep
// builds a fresh BinarySample (op sample: predictions at 0.5 and the [0,1] check), sorts by score (op sort) and times
// each metric; 'all' = sample + sort + the six operations scikit-learn's w2 baseline times apart from calibration_curve
// (roc_auc, average_precision, log_loss, brier, precision/recall/f1, confusion_matrix); 'all_with_calibration' adds
// the 10-bin calibration summary (scikit-learn's calibration_curve); 'all_metrics' = sample + sort + all 12 binary metrics
// + confusion matrix.

var options = Options.Parse(args);
var bench = "vigil_" + Path.GetFileNameWithoutExtension(options.Data);
switch (options.Mode)
{
    case "load":
        {
            var times = new List<double>();
            var rows = 0;
            for (var r = 0; r < options.Reps; r++)
            {
                var t = Stopwatch.StartNew();
                var frame = DataFile.Read(options.Data);
                times.Add(t.Elapsed.TotalSeconds);
                rows = frame.RowCount;
                frame = null;
                GC.Collect();
            }
            Emit(bench, "load", rows, times);
            break;
        }
    case "metrics":
        RunMetrics(options, bench);
        break;
    default:
        Console.Error.WriteLine("usage: Vigil.Bench.Cli load|metrics --data FILE [--label COL --score COL] [--reps N]");
        return 2;
}
return 0;

static void RunMetrics(Options o, string bench)
{
    var t = Stopwatch.StartNew();
    var frame = DataFile.Read(o.Data, new ReadOptions { Columns = [o.Label, o.Score] });
    Emit(bench, "load", frame.RowCount, [t.Elapsed.TotalSeconds]);
    t.Restart();
    var prepared = DataPreparation.Prepare(frame, new EvaluationSettings { Label = o.Label, Scores = [o.Score], Task = EvaluationTask.Binary });
    Emit(bench, "prepare", frame.RowCount, [t.Elapsed.TotalSeconds]);
    var labels = prepared.Binary!.Labels;
    var scores = prepared.Binary.Scores!;
    var n = labels.Length;

    string[] ops = ["sample", "sort", "roc_auc", "average_precision", "log_loss", "brier", "precision_recall_f1", "confusion_matrix",
        "calibration_curve", "accuracy", "balanced_accuracy", "specificity", "mcc", "cohen_kappa"];
    var per = ops.ToDictionary(k => k, _ => new List<double>());
    var values = new Dictionary<string, string>();
    for (var r = 0; r < o.Reps; r++)
    {
        GC.Collect();
        BinarySample sample = null!;
        Time(per, "sample", () => { sample = new BinarySample(labels, scores); return 0; });
        Time(per, "sort", () => sample.OrderByScoreDescending[0]);
        values["roc_auc"] = Time(per, "roc_auc", () => Metric(sample, "roc_auc"));
        values["average_precision"] = Time(per, "average_precision", () => Metric(sample, "average_precision"));
        values["log_loss"] = Time(per, "log_loss", () => Metric(sample, "log_loss"));
        values["brier"] = Time(per, "brier", () => Metric(sample, "brier"));
        values["precision_recall_f1"] = Time(per, "precision_recall_f1",
            () => $"[{Metric(sample, "precision")}, {Metric(sample, "recall")}, {Metric(sample, "f1")}]");
        values["confusion_matrix"] = Time(per, "confusion_matrix", () =>
        {
            var c = ConfusionMatrix.FromBinary(sample, default).Counts;
            return string.Create(CultureInfo.InvariantCulture, $"[[{c[0]}, {c[1]}], [{c[2]}, {c[3]}]]");
        });
        values["calibration_curve"] = Time(per, "calibration_curve",
            () =>
            {
                // scikit-learn calibration_curve(n_bins=10): equal-width bins, mean label and mean score per bin
                var outcomes = new double[n];
                for (var i = 0; i < n; i++) outcomes[i] = labels[i] ? 1 : 0;
                return CalibrationBinning.Accumulate(scores, outcomes, default, CalibrationBinning.EqualWidthEdges(10)).Length.ToString(CultureInfo.InvariantCulture);
            });
        foreach (var id in (string[])["accuracy", "balanced_accuracy", "specificity", "mcc", "cohen_kappa"])
            values[id] = Time(per, id, () => Metric(sample, id));
    }
    foreach (var op in ops) Emit(bench, op, n, per[op], values.GetValueOrDefault(op));
    string[] six = ["sample", "sort", "roc_auc", "average_precision", "log_loss", "brier", "precision_recall_f1", "confusion_matrix"];
    Emit(bench, "all", n, Sum(per, six, o.Reps));
    Emit(bench, "all_with_calibration", n, Sum(per, [.. six, "calibration_curve"], o.Reps));
    Emit(bench, "all_metrics", n, Sum(per, [.. six, "accuracy", "balanced_accuracy", "specificity", "mcc", "cohen_kappa"], o.Reps));
    Emit(bench, "peak_rss_self", n, [0.0], null, ("peak_rss_mb", (Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)));
}

static List<double> Sum(Dictionary<string, List<double>> per, string[] keys, int reps)
{
    var sums = new List<double>();
    for (var r = 0; r < reps; r++) sums.Add(keys.Sum(k => per[k][r]));
    return sums;
}

static string Metric(BinarySample sample, string id)
{
    var m = MetricCatalog.FindBinary(id);
    return m is null ? "null" : Number(m.Compute(sample, default).Value);
}

static string Number(double? v) => v is { } d && double.IsFinite(d) ? Math.Round(d, 6).ToString("R", CultureInfo.InvariantCulture) : "null";

static T Time<T>(Dictionary<string, List<double>> per, string op, Func<T> f)
{
    var t = Stopwatch.StartNew();
    var v = f();
    per[op].Add(t.Elapsed.TotalSeconds);
    return v;
}

static void Emit(string bench, string op, int rows, List<double> times, string? value = null, params (string Key, string Raw)[] extra)
{
    var sorted = times.Order().ToArray();
    var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    var sb = new StringBuilder();
    sb.Append(CultureInfo.InvariantCulture, $"{{\"bench\": \"{bench}\", \"op\": \"{op}\", \"rows\": {rows}, \"reps\": {times.Count}, ");
    sb.Append(CultureInfo.InvariantCulture, $"\"first_s\": {S(times[0])}, \"min_s\": {S(sorted[0])}, \"median_s\": {S(median)}, \"max_s\": {S(sorted[^1])}, ");
    sb.Append("\"times\": [").Append(string.Join(", ", times.Select(S))).Append(']');
    if (value is not null) sb.Append(", \"value\": ").Append(value);
    foreach (var (k, raw) in extra) sb.Append(", \"").Append(k).Append("\": ").Append(raw);
    sb.Append('}');
    Console.WriteLine(sb.ToString());
}

static string S(double s) => Math.Round(s, 6).ToString("R", CultureInfo.InvariantCulture);

internal sealed record Options(string Mode, string Data, string Label, string Score, int Reps)
{
    public static Options Parse(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "", data = "", label = "label", score = "score";
        var reps = 3;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--data": data = args[i + 1]; break;
                case "--label": label = args[i + 1]; break;
                case "--score": score = args[i + 1]; break;
                case "--reps": reps = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (data.Length == 0) throw new ArgumentException("--data FILE is required");
        return new Options(mode, data, label, score, reps);
    }
}
