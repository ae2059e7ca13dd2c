using Vigil.Core.Data;

namespace Vigil.Core.Drift.Analysis;

/// <summary>The part a column plays in a drift analysis; every role is tested the same way, the role is only reported.</summary>
public enum DriftColumnRole
{
    /// <summary>An input feature.</summary>
    Feature,
    /// <summary>The model's prediction (<c>--prediction</c>).</summary>
    Prediction,
    /// <summary>The target / label (<c>--target</c>).</summary>
    Target,
}

/// <summary>
/// The settings of a dataset drift analysis (<c>vigil drift</c>), kept apart from the engine
/// (<see cref="DatasetDrift"/>). Validate them against the data once with <see cref="Validate"/>, which returns every
/// problem at once so the user sees one aggregated message.
/// </summary>
public sealed record DriftAnalysisSettings
{
    /// <summary>Columns to test (null: every column present in both frames).</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Columns never tested.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The prediction column (tested like a feature, reported with its role).</summary>
    public string? Prediction { get; init; }

    /// <summary>The target column (tested like a feature, reported with its role).</summary>
    public string? Target { get; init; }

    /// <summary>Columns forced to be categorical (<c>--categorical</c>).</summary>
    public IReadOnlyList<string> ForceCategorical { get; init; } = [];

    /// <summary>Columns forced to be numeric (<c>--numeric</c>).</summary>
    public IReadOnlyList<string> ForceNumeric { get; init; } = [];

    /// <summary>Integer-valued numeric columns with at most this many distinct values are categorical (default 10).</summary>
    public int CategoricalIntegerLimit { get; init; } = 10;

    /// <summary>The method for every column that accepts it (<c>--method</c>); null: the policy.</summary>
    public string? Method { get; init; }

    /// <summary>Per-column methods (<c>--method-for COL=M</c>).</summary>
    public IReadOnlyDictionary<string, string> MethodFor { get; init; } = new Dictionary<string, string>();

    /// <summary>Methods computed in addition to the deciding one on every column that accepts them (reported, not used for the decision).</summary>
    public IReadOnlyList<string> ExtraMethods { get; init; } = [];

    /// <summary>The threshold for every column (<c>--threshold</c>); null: the method's (or policy's) default.</summary>
    public double? Threshold { get; init; }

    /// <summary>Per-column thresholds (<c>--threshold-for COL=T</c>).</summary>
    public IReadOnlyDictionary<string, double> ThresholdFor { get; init; } = new Dictionary<string, double>();

    /// <summary>Binning of the binned methods (<c>--bins</c>).</summary>
    public DriftBinning Binning { get; init; } = DriftBinning.Default;

    /// <summary>Benjamini–Hochberg false discovery rate Q over the p-value columns (<c>--fdr</c>); null: off.</summary>
    public double? FalseDiscoveryRate { get; init; }

    /// <summary>The dataset drifts when the drifted share of tested columns is at least this (default 0.5).</summary>
    public double DriftShareThreshold { get; init; } = 0.5;

    /// <summary>The timestamp column of the current data that defines windows (<c>--timestamp</c>).</summary>
    public string? Timestamp { get; init; }

    /// <summary>Calendar window (<c>1d</c>, <c>1w</c>, <c>1M</c>…), needs <see cref="Timestamp"/>.</summary>
    public string? Window { get; init; }

    /// <summary>Row-count chunks of the current data (<c>--chunk-size</c>).</summary>
    public int? ChunkSize { get; init; }

    /// <summary>The multivariate detector ids <see cref="Multivariate"/> accepts.</summary>
    public static IReadOnlyList<string> MultivariateDetectors { get; } = ["domain_classifier", "pca", "mmd"];

    /// <summary>Multivariate detectors (<c>--multivariate</c>): <c>domain_classifier</c>, <c>pca</c>, <c>mmd</c>.</summary>
    public IReadOnlyList<string> Multivariate { get; init; } = [];

    /// <summary>Options of the domain classifier (seed, folds, AUC threshold); null: its defaults with <see cref="Seed"/>.</summary>
    public global::Vigil.Core.Drift.Multivariate.DomainClassifierOptions? DomainClassifierOptions { get; init; }

    /// <summary>Columns processed at the same time (each holds one sorted scratch copy per side); default 2.</summary>
    public int MaxParallelColumns { get; init; } = 2;

    /// <summary>Seed of the permutation tests (mmd, per column and multivariate), the multivariate row sampling and the domain classifier.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Every problem of these settings against the two frames (unknown columns listing the valid ones, unknown
    /// methods listing the known ids, thresholds out of range, a method without default threshold and none given…);
    /// empty when the settings are usable.
    /// </summary>
    public IReadOnlyList<string> Validate(DataFrame reference, DataFrame current, DriftMethodCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(catalog);
        var problems = new List<string>();
        var valid = string.Join(", ", reference.ColumnNames.Where(current.Contains));
        void CheckColumn(string option, string name)
        {
            if (!reference.Contains(name) && !current.Contains(name))
                problems.Add($"{option}: unknown column '{name}' (columns in both files: {valid})");
        }
        foreach (var c in Columns ?? []) CheckColumn("--columns", c);
        foreach (var c in Exclude) CheckColumn("--exclude", c);
        foreach (var c in ForceCategorical) CheckColumn("--categorical", c);
        foreach (var c in ForceNumeric)
        {
            CheckColumn("--numeric", c);
            foreach (var (side, frame) in new[] { ("reference", reference), ("current", current) })
                if (frame.Find(c) is CategoricalColumn text && FirstNonNumber(text) is { } bad)
                    problems.Add($"--numeric {c}: the {side} data has text in '{c}' (first non-number: '{bad}'); fix the data or drop --numeric {c}");
        }
        foreach (var c in ForceCategorical.Intersect(ForceNumeric)) problems.Add($"column '{c}' is given to both --categorical and --numeric");
        if (Prediction is not null) CheckColumn("--prediction", Prediction);
        if (Target is not null) CheckColumn("--target", Target);
        foreach (var c in MethodFor.Keys) CheckColumn("--method-for", c);
        foreach (var c in ThresholdFor.Keys) CheckColumn("--threshold-for", c);
        var known = string.Join(", ", catalog.Ids);
        void CheckMethod(string option, string id, double? threshold)
        {
            if (!catalog.TryGet(id, out var m)) { problems.Add($"{option}: unknown method '{id}' (known: {known})"); return; }
            try { DriftDecision.ResolveThreshold(m!, threshold); }
            catch (ArgumentException e) { problems.Add($"{option}: {e.Message.Split(" (Parameter")[0]}"); }
        }
        if (Method is not null) CheckMethod("--method", Method, Threshold);
        foreach (var (c, m) in MethodFor) CheckMethod("--method-for", m, ThresholdFor.TryGetValue(c, out var t) ? t : Threshold);
        foreach (var m in ExtraMethods)
            if (!catalog.TryGet(m, out var em)) problems.Add($"--extra-methods: unknown method '{m}' (known: {known})");
            else if (em!.DefaultThreshold is null && Threshold is null) problems.Add($"--extra-methods: method '{m}' has no default threshold; give --threshold");
        if (Threshold is { } th && (!double.IsFinite(th) || th < 0)) problems.Add($"--threshold must be a finite non-negative number, got {th}");
        foreach (var (c, th2) in ThresholdFor)
            if (!double.IsFinite(th2) || th2 < 0) problems.Add($"--threshold-for {c}: must be a finite non-negative number, got {th2}");
        if (FalseDiscoveryRate is { } q && (!(q > 0) || q >= 1)) problems.Add($"--fdr must lie strictly between 0 and 1, got {q}");
        if (!(DriftShareThreshold > 0) || DriftShareThreshold > 1) problems.Add($"--drift-share must lie in (0, 1], got {DriftShareThreshold}");
        if (CategoricalIntegerLimit < 0) problems.Add("--categorical-limit must be 0 or more");
        if (Window is not null && Timestamp is null) problems.Add("--window needs --timestamp COL");
        if (Window is not null && ChunkSize is not null) problems.Add("give either --window or --chunk-size, not both");
        if (ChunkSize is <= 0) problems.Add("--chunk-size must be a positive number of rows");
        if (Timestamp is not null)
        {
            if (current.Find(Timestamp) is not TimestampColumn)
                problems.Add(current.Contains(Timestamp)
                    ? $"--timestamp: column '{Timestamp}' of the current data is not a timestamp column"
                    : $"--timestamp: unknown column '{Timestamp}' in the current data (columns: {string.Join(", ", current.ColumnNames)})");
            if (Window is null && ChunkSize is null) problems.Add("--timestamp needs --window or --chunk-size");
        }
        if (Window is not null)
        {
            try { _ = new Estimation.CalendarChunker(Window); }
            catch (ArgumentException e) { problems.Add($"--window: {e.Message.Split(" (Parameter")[0]}"); }
        }
        foreach (var m in Multivariate)
            if (!MultivariateDetectors.Contains(m))
                problems.Add($"--multivariate: unknown detector '{m}' (available: {string.Join(", ", MultivariateDetectors)})");
        if (MaxParallelColumns < 1) problems.Add("MaxParallelColumns must be at least 1");
        return problems;
    }

    private static string? FirstNonNumber(CategoricalColumn column)
    {
        foreach (var category in column.Categories)
            if (!double.TryParse(category, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) return category;
        return null;
    }
}
