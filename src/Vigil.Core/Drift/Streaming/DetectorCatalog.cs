namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// Every streaming change detector by name, with its parameters (River's names and defaults), whether it is binary,
/// and a factory from text parameters (what <c>vigil stream --detector NAME --param key=value</c> and
/// <c>--detector all</c> use). Names are matched case-insensitively; parameter names too.
/// </summary>
public static class DetectorCatalog
{
    private static readonly DetectorDescriptor[] Descriptors =
    [
        new("adwin", "ADWIN adaptive windowing (Bifet & Gavaldà 2007)", isBinary: false, hasWarning: false,
            [
                new("delta", "0.002", "significance value"),
                new("clock", "32", "check for change every this many updates"),
                new("max_buckets", "5", "buckets of each size before merging"),
                new("min_window_length", "5", "minimum sub-window length for a cut"),
                new("grace_period", "10", "values before any change test"),
            ],
            p => new Adwin(p.Double("delta"), p.Int("clock"), p.Int("max_buckets"), p.Int("min_window_length"), p.Int("grace_period"))),
        new("page_hinkley", "Page-Hinkley test (Page 1954)", isBinary: false, hasWarning: false,
            [
                new("min_instances", "30", "values before any test"),
                new("delta", "0.005", "magnitude of change tolerated"),
                new("threshold", "50", "detection threshold (lambda)"),
                new("alpha", "0.9999", "forgetting factor"),
                new("mode", "both", "up, down or both"),
            ],
            p => new PageHinkley(p.Int("min_instances"), p.Double("delta"), p.Double("threshold"), p.Double("alpha"), p.Mode("mode"))),
        new("ddm", "Drift Detection Method (Gama et al. 2004); binary: 1 = error", isBinary: true, hasWarning: true,
            [
                new("warm_start", "30", "values before any warning or drift"),
                new("warning_threshold", "2", "standard deviations for a warning"),
                new("drift_threshold", "3", "standard deviations for a drift"),
            ],
            p => new Ddm(p.Int("warm_start"), p.Double("warning_threshold"), p.Double("drift_threshold"))),
        new("eddm", "Early Drift Detection Method (Baena-García et al. 2006); binary: 1 = error", isBinary: true, hasWarning: true,
            [
                new("warm_start", "30", "updates and errors before any warning or drift"),
                new("alpha", "0.95", "warning ratio"),
                new("beta", "0.9", "drift ratio"),
            ],
            p => new Eddm(p.Int("warm_start"), p.Double("alpha"), p.Double("beta"))),
        new("hddm_a", "HDDM with the moving-average test (Frías-Blanco et al. 2015); binary: 1 = error", isBinary: true, hasWarning: true,
            [
                new("drift_confidence", "0.001", "confidence of the drift test"),
                new("warning_confidence", "0.005", "confidence of the warning test"),
                new("two_sided_test", "false", "also detect decreases"),
            ],
            p => new HddmA(p.Double("drift_confidence"), p.Double("warning_confidence"), p.Bool("two_sided_test"))),
        new("hddm_w", "HDDM with the EWMA test (Frías-Blanco et al. 2015); binary: 1 = error", isBinary: true, hasWarning: true,
            [
                new("drift_confidence", "0.001", "confidence of the drift test"),
                new("warning_confidence", "0.005", "confidence of the warning test"),
                new("lambda_val", "0.05", "EWMA weight of the newest value"),
                new("two_sided_test", "false", "also detect decreases"),
            ],
            p => new HddmW(p.Double("drift_confidence"), p.Double("warning_confidence"), p.Double("lambda_val"), p.Bool("two_sided_test"))),
        new("kswin", "Kolmogorov-Smirnov windowing (Raab et al. 2020)", isBinary: false, hasWarning: false,
            [
                new("alpha", "0.005", "significance level of the KS test"),
                new("window_size", "100", "sliding window length"),
                new("stat_size", "30", "size of each compared sample"),
                new("seed", "none", "sampler seed (Python random.Random compatible); none = random"),
            ],
            p => new Kswin(p.Double("alpha"), p.Int("window_size"), p.Int("stat_size"), p.OptionalLong("seed"))),
        new("cusum", "two-sided tabular CUSUM chart (Montgomery §9.1)", isBinary: false, hasWarning: false,
            [
                new("k", "0.5", "reference value in sigma units"),
                new("h", "5", "decision interval in sigma units"),
                new("target", "none", "in-control mean; none = estimate over warm_start"),
                new("sigma", "none", "in-control standard deviation; none = estimate over warm_start"),
                new("warm_start", "30", "warm-up length for estimated target/sigma"),
            ],
            p => new Cusum(p.Double("k"), p.Double("h"), p.OptionalDouble("target"), p.OptionalDouble("sigma"), p.Int("warm_start"))),
        new("ewma", "two-sided EWMA chart with exact limits (Montgomery §9.2)", isBinary: false, hasWarning: false,
            [
                new("lambda_", "0.1", "weight of the newest value"),
                new("L", "2.7", "limit width in standard deviations of the EWMA"),
                new("target", "none", "in-control mean; none = estimate over warm_start"),
                new("sigma", "none", "in-control standard deviation; none = estimate over warm_start"),
                new("warm_start", "30", "warm-up length for estimated target/sigma"),
            ],
            p => new Ewma(p.Double("lambda_"), p.Double("L"), p.OptionalDouble("target"), p.OptionalDouble("sigma"), p.Int("warm_start"))),
    ];

    /// <summary>All detectors, in a stable order.</summary>
    public static IReadOnlyList<DetectorDescriptor> All => Descriptors;

    /// <summary>All detector names.</summary>
    public static IReadOnlyList<string> Names => Array.ConvertAll(Descriptors, d => d.Name);

    /// <summary>The detector called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the valid ones.</exception>
    public static DetectorDescriptor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var d in Descriptors)
            if (string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)) return d;
        throw new ArgumentException($"Unknown detector '{name}'. Valid detectors: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Creates a detector by name; parameters not given take River's defaults.</summary>
    /// <exception cref="ArgumentException">Unknown detector or parameter (listing the valid ones), or an invalid value.</exception>
    public static IChangeDetector Create(string name, IReadOnlyDictionary<string, string>? parameters = null) => Get(name).Create(parameters);

    /// <summary>Whether the named detector takes only 0/1 values (1 = error).</summary>
    public static bool IsBinary(string name) => Get(name).IsBinary;

    /// <summary>Re-creates a detector from a snapshot (its kind and parameters) and restores its state.</summary>
    /// <exception cref="ArgumentException">The state is malformed or names an unknown detector, or used a custom KSWIN sampler.</exception>
    public static IChangeDetector FromState(DetectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Parameters.TryGetValue("seed", out var seed) && seed == "custom")
            throw new ArgumentException("This KSWIN state used a custom sampler: create the detector with that sampler and call Restore.", nameof(state));
        var detector = Create(state.Detector, state.Parameters);
        detector.Restore(state);
        return detector;
    }
}
