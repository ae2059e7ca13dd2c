using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Dashboard.Tests;

/// <summary>
/// Deterministic sample content in the shapes of docs/API.md: a credit model whose features "income" and
/// "debt_ratio" drift from window <see cref="DriftStart"/> on, labels arriving <see cref="LabelDelay"/> windows
/// late, alerts, a retraining trigger, a promotion and a rollback; a second model with no traffic; reports
/// and an audit log. The drift is a fact of the data (the drift records say so), which the tests then look for
/// in the browser.
/// </summary>
public sealed class SampleData
{
    public const string CreditModel = "credit";
    public const string IdleModel = "churn";
    public const int CreditWindows = 60;
    public const int DriftStart = 30;
    public const int LabelDelay = 7;
    public static readonly string[] DriftingFeatures = ["income", "debt_ratio"];
    public static readonly DateTime FirstDay = new(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly (string Name, bool Numeric)[] CreditFeatures =
    [
        ("age", true), ("income", true), ("debt_ratio", true), ("credit_lines", true),
        ("late_payments", true), ("loan_amount", true), ("employment", false), ("region", false),
    ];

    public Dictionary<string, JsonObject> ModelDetails { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<JsonObject>> Windows { get; } = new(StringComparer.Ordinal);
    public List<JsonObject> Alerts { get; } = [];
    public Dictionary<string, List<JsonObject>> Triggers { get; } = new(StringComparer.Ordinal);
    public List<JsonObject> Reports { get; } = [];
    public Dictionary<string, string> ReportHtml { get; } = new(StringComparer.Ordinal);
    public List<JsonObject> Audit { get; } = [];

    public static string Iso(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static SampleData Create(bool withBigModel = false)
    {
        var d = new SampleData();
        d.AddCredit();
        d.AddIdle();
        if (withBigModel) d.AddBig("big", 365, 50);
        d.AddReportsAndAudit();
        return d;
    }

    /// <summary>The models list (GET /api/v1/models).</summary>
    public JsonArray ModelList()
    {
        var list = new JsonArray();
        foreach (var (name, detail) in ModelDetails.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var windows = Windows.GetValueOrDefault(name);
            var last = windows is { Count: > 0 } ? windows[^1] : null;
            list.Add(new JsonObject
            {
                ["name"] = name, ["task"] = detail["task"]!.DeepClone(), ["description"] = detail["description"]?.DeepClone(),
                ["positive_label"] = detail["positive_label"]?.DeepClone(), ["created_at"] = detail["created_at"]!.DeepClone(),
                ["aliases"] = detail["aliases"]!.DeepClone(), ["versions"] = ((JsonArray)detail["versions"]!).Count,
                ["events_ingested"] = detail["events_ingested"]!.DeepClone(), ["status"] = detail["status"]!.DeepClone(),
                ["last_window"] = last is null ? null : new JsonObject
                {
                    ["index"] = last["index"]!.DeepClone(), ["start"] = last["start"]!.DeepClone(), ["end"] = last["end"]!.DeepClone(),
                    ["closed"] = last["closed"]!.DeepClone(), ["events"] = last["events"]!.DeepClone(), ["labeled"] = last["labeled"]!.DeepClone(),
                    ["drift_share"] = last["drift"]!["drift_share"]!.DeepClone(),
                },
            });
        }
        return list;
    }

    private void AddCredit()
    {
        var rng = new Random(20261127);
        var windows = new List<JsonObject>();
        long events = 0, labels = 0;
        for (int w = 0; w < CreditWindows; w++)
        {
            var start = FirstDay.AddDays(w);
            bool drifting = w >= DriftStart;
            int n = 900 + rng.Next(250);
            bool labelled = w < CreditWindows - LabelDelay;
            int labeled = labelled ? n - rng.Next(30) : 0;
            events += n; labels += labeled;
            double auc = drifting ? 0.86 - 0.006 * Math.Min(w - DriftStart, 12) : 0.86 + (rng.NextDouble() - 0.5) * 0.01;
            double est = auc + (rng.NextDouble() - 0.5) * 0.012;
            var window = MakeWindow(CreditModel, w, start, start.AddDays(1), closed: w < CreditWindows - 1, n, labeled, rng,
                CreditFeatures, f => drifting && DriftingFeatures.Contains(f),
                estimated: new JsonObject { ["roc_auc"] = Band(est, 0.02) },
                realized: labelled ? new JsonObject { ["roc_auc"] = Math.Round(auc, 4), ["f1"] = Math.Round(auc - 0.18, 4) } : null,
                qualityFailures: w is 12 or 41 ? 3 : 0);
            windows.Add(window);
        }
        Windows[CreditModel] = windows;
        var created = FirstDay.AddDays(-3);
        ModelDetails[CreditModel] = new JsonObject
        {
            ["name"] = CreditModel, ["task"] = "binary", ["description"] = "Credit default <b>risk</b> score (sample)", ["positive_label"] = "1",
            ["created_at"] = Iso(created),
            ["versions"] = new JsonArray(
                Version(CreditModel, "1", created, "onnx", new JsonObject { ["team"] = "risk" }),
                Version(CreditModel, "2", FirstDay.AddDays(20), "onnx", new JsonObject { ["team"] = "risk", ["trained_on"] = "2026-09" })),
            ["aliases"] = new JsonObject { ["champion"] = "1", ["challenger"] = "2" },
            ["alias_history"] = new JsonArray(
                Change("champion", null, "1", "set", null, created.AddHours(1)),
                Change("challenger", null, "2", "set", null, FirstDay.AddDays(20)),
                Change("champion", "1", "2", "promote", new JsonObject
                {
                    ["passed"] = true, ["gate"] = new JsonObject { ["margins"] = new JsonObject { ["roc_auc"] = -0.01 }, ["floors"] = new JsonObject { ["roc_auc"] = 0.8 } },
                    ["compare"] = new JsonObject { ["roc_auc"] = new JsonObject { ["difference"] = 0.004, ["ci_low"] = -0.006, ["ci_high"] = 0.013 } },
                }, FirstDay.AddDays(21)),
                Change("champion", "2", "1", "rollback", null, FirstDay.AddDays(22))),
            ["events_ingested"] = events, ["labels_ingested"] = labels,
            ["monitor"] = new JsonObject
            {
                ["model"] = CreditModel, ["reference_dataset_id"] = new string('a', 64),
                ["schema"] = new JsonArray(CreditFeatures.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["kind"] = f.Numeric ? "numeric" : "categorical" }).ToArray()),
                ["window"] = "1d", ["metrics"] = new JsonArray("roc_auc", "f1"), ["estimation"] = true,
                ["alerts"] = new JsonArray(
                    new JsonObject { ["name"] = "drift", ["expression"] = "drift_share > 0.2", ["for"] = 2 },
                    new JsonObject { ["name"] = "auc", ["expression"] = "estimated.roc_auc < 0.8", ["for"] = 1 }),
            },
            ["status"] = "drifting",
        };
        var driftWindow = windows[DriftStart + 1];
        Alerts.Add(new JsonObject
        {
            ["id"] = 2, ["model"] = CreditModel, ["rule"] = "auc", ["expression"] = "estimated.roc_auc < 0.8", ["state"] = "resolved",
            ["window_start"] = windows[DriftStart + 9]["start"]!.DeepClone(), ["fired_at"] = Iso(FirstDay.AddDays(DriftStart + 10).AddHours(2)),
            ["resolved_at"] = Iso(FirstDay.AddDays(DriftStart + 12)), ["evidence"] = "{\"observed\": 0.79, \"windows\": 1}",
        });
        Alerts.Insert(0, new JsonObject
        {
            ["id"] = 1, ["model"] = CreditModel, ["rule"] = "drift", ["expression"] = "drift_share > 0.2", ["state"] = "firing",
            ["window_start"] = driftWindow["start"]!.DeepClone(), ["fired_at"] = Iso(FirstDay.AddDays(DriftStart + 2).AddHours(2)), ["resolved_at"] = null,
            ["evidence"] = new JsonObject { ["observed"] = new JsonArray(0.25, 0.25), ["windows"] = new JsonArray(windows[DriftStart]["start"]!.DeepClone(), driftWindow["start"]!.DeepClone()), ["note"] = "<script>alert(1)</script>" },
        });
        Triggers[CreditModel] =
        [
            new JsonObject
            {
                ["id"] = 1, ["model"] = CreditModel, ["at"] = Iso(FirstDay.AddDays(DriftStart + 3)), ["reason"] = "drift in 2 consecutive windows",
                ["evidence"] = new JsonObject { ["drift_windows"] = 2, ["features"] = new JsonArray("income", "debt_ratio") },
            },
        ];
    }

    private void AddIdle()
    {
        ModelDetails[IdleModel] = new JsonObject
        {
            ["name"] = IdleModel, ["task"] = "multiclass", ["description"] = null, ["positive_label"] = null, ["created_at"] = Iso(FirstDay),
            ["versions"] = new JsonArray(), ["aliases"] = new JsonObject(), ["alias_history"] = new JsonArray(),
            ["events_ingested"] = 0, ["labels_ingested"] = 0, ["monitor"] = null, ["status"] = "no_traffic",
        };
        Windows[IdleModel] = [];
        Triggers[IdleModel] = [];
    }

    /// <summary>A model with <paramref name="windowCount"/> daily windows × <paramref name="featureCount"/> numeric features (the speed case).</summary>
    public void AddBig(string name, int windowCount, int featureCount)
    {
        var rng = new Random(365);
        var features = Enumerable.Range(0, featureCount).Select(i => ($"feature_{i:D2}", i % 5 != 4)).ToArray();
        var windows = new List<JsonObject>(windowCount);
        var start0 = new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int w = 0; w < windowCount; w++)
        {
            var start = start0.AddDays(w);
            windows.Add(MakeWindow(name, w, start, start.AddDays(1), true, 5000, 4800, rng, features,
                f => w > 200 && (f.EndsWith('3') || f.EndsWith('7')),
                new JsonObject { ["roc_auc"] = Band(0.8 + 0.05 * Math.Sin(w / 30.0), 0.02) },
                new JsonObject { ["roc_auc"] = 0.8 + 0.05 * Math.Sin(w / 30.0) + 0.01 * (rng.NextDouble() - 0.5) }, w % 50 == 7 ? 2 : 0));
        }
        Windows[name] = windows;
        Triggers[name] = [];
        ModelDetails[name] = new JsonObject
        {
            ["name"] = name, ["task"] = "binary", ["description"] = "365 daily windows × 50 features", ["positive_label"] = "1", ["created_at"] = Iso(start0),
            ["versions"] = new JsonArray(Version(name, "1", start0, "onnx", new JsonObject())), ["aliases"] = new JsonObject { ["champion"] = "1" },
            ["alias_history"] = new JsonArray(Change("champion", null, "1", "set", null, start0)),
            ["events_ingested"] = 5000L * windowCount, ["labels_ingested"] = 4800L * windowCount,
            ["monitor"] = new JsonObject
            {
                ["model"] = name, ["reference_dataset_id"] = new string('b', 64),
                ["schema"] = new JsonArray(features.Select(f => (JsonNode)new JsonObject { ["name"] = f.Item1, ["kind"] = f.Item2 ? "numeric" : "categorical" }).ToArray()),
                ["window"] = "1d", ["metrics"] = new JsonArray("roc_auc"), ["estimation"] = true, ["alerts"] = new JsonArray(),
            },
            ["status"] = "drifting",
        };
    }

    /// <summary>One window in the docs/API.md shape, with drift records, distributions and a prediction distribution.</summary>
    public static JsonObject MakeWindow(string model, int index, DateTime start, DateTime end, bool closed, long events, long labeled, Random rng,
        (string Name, bool Numeric)[] features, Func<string, bool> drifts, JsonObject? estimated, JsonObject? realized, int qualityFailures)
    {
        var columns = new JsonArray();
        var distributions = new JsonObject();
        int drifted = 0;
        foreach (var (name, numeric) in features)
        {
            bool drift = drifts(name);
            if (drift) drifted++;
            if (numeric)
            {
                double stat = drift ? 0.12 + rng.NextDouble() * 0.1 : rng.NextDouble() * 0.03;
                double p = drift ? Math.Pow(10, -4 - rng.NextDouble() * 8) : 0.06 + rng.NextDouble() * 0.9;
                columns.Add(new JsonObject { ["column"] = name, ["method"] = "ks", ["statistic"] = Math.Round(stat, 5), ["p_value"] = p, ["threshold"] = 0.05, ["drift"] = drift });
                var reference = Enumerable.Repeat(0.1, 10).ToArray();
                var current = Shares(rng, 10, drift ? 0.6 : 0.05, drift);
                var edges = Enumerable.Range(1, 9).Select(i => (JsonNode)JsonValue.Create(Math.Round(20 + i * 7.5, 2))!).ToArray();
                distributions[name] = new JsonObject { ["kind"] = "numeric", ["edges"] = new JsonArray(edges), ["reference"] = Arr(reference), ["current"] = Arr(current) };
            }
            else
            {
                double stat = drift ? 0.25 + rng.NextDouble() * 0.2 : rng.NextDouble() * 0.05;
                columns.Add(new JsonObject { ["column"] = name, ["method"] = "jensenshannon", ["statistic"] = Math.Round(stat, 5), ["p_value"] = null, ["threshold"] = 0.1, ["drift"] = drift });
                var cats = new JsonArray("north", "south", "east", "west", "<i>other</i>");
                distributions[name] = new JsonObject { ["kind"] = "categorical", ["categories"] = cats, ["reference"] = Arr([0.3, 0.25, 0.2, 0.15, 0.1]), ["current"] = Arr(Shares(rng, 5, drift ? 0.5 : 0.05, drift)) };
            }
        }
        double share = features.Length == 0 ? 0 : (double)drifted / features.Length;
        var quality = new JsonArray();
        if (qualityFailures > 0) quality.Add(new JsonObject { ["column"] = features[0].Name, ["check"] = "not_null", ["failed"] = qualityFailures, ["detail"] = $"{qualityFailures} missing values" });
        return new JsonObject
        {
            ["model"] = model, ["index"] = index, ["start"] = Iso(start), ["end"] = Iso(end), ["closed"] = closed, ["events"] = events, ["labeled"] = labeled,
            ["computed_at"] = Iso(end.AddHours(3)),
            ["drift"] = new JsonObject { ["drift_share"] = share, ["columns_tested"] = features.Length, ["drifted_columns"] = drifted, ["columns"] = columns, ["skipped_columns"] = new JsonArray() },
            ["prediction_drift"] = new JsonObject { ["column"] = "score", ["method"] = "psi", ["statistic"] = Math.Round(share * 0.4, 4), ["p_value"] = null, ["threshold"] = 0.1, ["drift"] = share * 0.4 >= 0.1 },
            ["quality"] = new JsonObject { ["failed"] = qualityFailures, ["checks"] = quality },
            ["estimated"] = estimated, ["realized"] = realized,
            ["distributions"] = distributions,
            ["prediction_distribution"] = new JsonObject
            {
                ["edges"] = new JsonArray(Enumerable.Range(0, 11).Select(i => (JsonNode)JsonValue.Create(i / 10.0)!).ToArray()),
                ["reference"] = Arr([0.2, 0.18, 0.14, 0.11, 0.09, 0.08, 0.07, 0.05, 0.05, 0.03]),
                ["current"] = Arr(Shares(rng, 10, 0.1 + share, false)),
            },
            ["profile"] = new JsonObject { ["rows"] = events },
        };
    }

    private static double[] Shares(Random rng, int k, double noise, bool skew)
    {
        var v = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) { v[i] = 1 + noise * (rng.NextDouble() - 0.5) * 2 + (skew ? i * 0.25 : 0); sum += v[i]; }
        for (int i = 0; i < k; i++) v[i] = Math.Round(v[i] / sum, 4);
        return v;
    }

    private static JsonArray Arr(double[] values) => new(values.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray());

    private static JsonObject Band(double value, double half) =>
        new() { ["value"] = Math.Round(value, 4), ["lower"] = Math.Round(value - half, 4), ["upper"] = Math.Round(value + half, 4) };

    private static JsonObject Version(string model, string version, DateTime at, string framework, JsonObject tags) => new()
    {
        ["model"] = model, ["version"] = version, ["framework"] = framework, ["artifact_sha256"] = new string((char)('0' + version.Length), 64),
        ["training_data_fingerprint"] = "fp_" + version, ["evaluation"] = new JsonObject { ["schema_version"] = 1, ["metrics"] = new JsonObject { ["roc_auc"] = new JsonObject { ["value"] = 0.86 } } },
        ["tags"] = tags, ["created_at"] = Iso(at),
    };

    private static JsonObject Change(string alias, string? from, string to, string kind, JsonObject? evidence, DateTime at) => new()
    {
        ["alias"] = alias, ["from_version"] = from, ["to_version"] = to, ["kind"] = kind, ["evidence"] = evidence, ["actor"] = "local", ["at"] = Iso(at),
    };

    private void AddReportsAndAudit()
    {
        Reports.Add(new JsonObject { ["id"] = "r-drift-1", ["model"] = CreditModel, ["kind"] = "drift", ["title"] = "Drift September vs reference", ["created_at"] = Iso(FirstDay.AddDays(35)) });
        Reports.Add(new JsonObject { ["id"] = "r-eval-1", ["model"] = null, ["kind"] = "evaluate", ["title"] = "Evaluation of v2", ["created_at"] = Iso(FirstDay.AddDays(20)) });
        // Inline style (must apply in the viewer) and a script (must never run: the viewer's frame is sandboxed).
        ReportHtml["r-drift-1"] = "<!doctype html><html><head><title>Drift report</title><style>h1{color:rgb(1, 2, 3)}</style></head><body><h1>Drift report</h1>" +
            "<script>document.title = 'script ran'; parent.postMessage('script ran', '*');</script></body></html>";
        ReportHtml["r-eval-1"] = "<!doctype html><html><head><title>Evaluate report</title></head><body><h1>Evaluate report</h1></body></html>";
        string prev = new('0', 64);
        var actions = new[] { ("model.create", "model:credit"), ("version.add", "model:credit/1"), ("alias.set", "model:credit/champion"), ("monitor.put", "model:credit"), ("alias.promote", "model:credit/champion") };
        for (int i = 0; i < actions.Length; i++)
        {
            string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(prev + i)));
            Audit.Add(new JsonObject
            {
                ["sequence"] = i + 1, ["at"] = Iso(FirstDay.AddHours(i)), ["actor"] = "local", ["action"] = actions[i].Item1, ["target"] = actions[i].Item2,
                ["before_json"] = null, ["after_json"] = "{\"name\":\"credit\"}", ["previous_hash"] = prev, ["hash"] = hash,
            });
            prev = hash;
        }
    }

    public static string ToJson(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
