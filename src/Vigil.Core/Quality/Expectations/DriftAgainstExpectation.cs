using Vigil.Core.Data;
using Vigil.Core.Drift;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>drift_against</c>: the column has not drifted from the same column of a reference file, judged by one per-method
/// drift API call (<see cref="INumericDriftMethod"/> on sorted NaN-free copies, <see cref="ICategoricalDriftMethod"/> on
/// <see cref="CategoryCounts"/>) and the single decision rule <see cref="DriftDecision"/> (p &lt; threshold or distance ≥
/// threshold = drift = failure). With no method the column gets <see cref="DriftMethodPolicy"/>'s choice. The reference
/// is read through <see cref="ExpectationContext.LoadReference"/>; an unreadable reference, a missing column or a method
/// that does not fit the column's kind fails the check with the reason. Observed: the p-value (p-value methods) or the
/// distance. Cost: that of the method plus O(n log n) sorting.
/// </summary>
public sealed class DriftAgainstExpectation : ExpectationBase
{
    /// <summary>Creates the check; an unknown method or a method without default and no threshold throws.</summary>
    public DriftAgainstExpectation(string column, string reference, string? method = null, double? threshold = null,
        ExpectationOptions? options = null, DriftMethodCatalog? catalog = null)
        : base("drift_against", [column], options)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        if (method is not null)
        {
            var m = (catalog ?? DriftMethodCatalog.Default).Get(method);
            DriftDecision.ResolveThreshold(m, threshold);
        }
        else if (threshold is { } t && (!double.IsFinite(t) || t < 0)) throw new ArgumentException($"drift_against: threshold must be a finite non-negative number, got {t}", nameof(threshold));
        Reference = reference;
        Method = method;
        Threshold = threshold;
    }

    /// <summary>The reference file as written in the suite.</summary>
    public string Reference { get; }

    /// <summary>The method id, or null for the automatic choice.</summary>
    public string? Method { get; }

    /// <summary>The threshold, or null for the method's default.</summary>
    public double? Threshold { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } current) return MissingColumn(Columns[0], frame);
        DataFrame reference;
        try { reference = context.LoadReference(Reference); }
        catch (Exception e) when (e is DataFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Fail($"cannot read reference '{Reference}': {e.Message}");
        }
        if (reference.Find(Columns[0]) is not { } refColumn) return Fail($"column '{Columns[0]}' not found in reference '{Reference}'");
        var numeric = current is NumericColumn && refColumn is NumericColumn;
        if (!numeric && (current is NumericColumn || refColumn is NumericColumn) && !(current is CategoricalColumn || refColumn is CategoricalColumn))
            return Fail($"column '{Columns[0]}' is {ExpectationText.TypeName(refColumn.Type)} in the reference and {ExpectationText.TypeName(current.Type)} here");
        try
        {
            DriftResult result;
            if (numeric)
            {
                var r = ExpectationText.PresentValues(refColumn)!;
                var c = ExpectationText.PresentValues(current)!;
                Array.Sort(r);
                Array.Sort(c);
                var choice = Method is null ? DriftMethodPolicy.Choose(DriftColumnKind.Numeric, r.Length, DistinctCount(r, c)) : null;
                var m = context.DriftMethods.GetNumeric(Method ?? choice!.Method);
                var threshold = Threshold ?? choice?.Threshold;
                result = DriftDecision.Decide(m, m.Compute(r, c), threshold, r.Length, c.Length);
            }
            else
            {
                var counts = CategoryCounts.FromLabels(Labels(refColumn), Labels(current));
                var choice = DriftMethodPolicy.Choose(DriftColumnKind.Categorical, counts.ReferenceTotal, counts.ObservedCategoryCount);
                var id = Method ?? choice.Method;
                var m = context.DriftMethods.GetCategorical(id);
                result = DriftDecision.Decide(m, m.Compute(counts), Threshold ?? (Method is null ? choice.Threshold : null), counts.ReferenceTotal, counts.CurrentTotal);
            }
            var score = result.ScoreKind == DriftScoreKind.PValue ? result.PValue ?? double.NaN : result.Statistic;
            var scoreName = result.ScoreKind == DriftScoreKind.PValue ? "p-value" : "distance";
            var rule = result.ScoreKind == DriftScoreKind.PValue ? "<" : ">=";
            var text = $"{result.Method} {scoreName} {ExpectationText.Number(score)} (threshold {ExpectationText.Number(result.Threshold)})";
            if (result.Reason is not null) return Result(false) with { ObservedText = text, Reason = $"{result.Method} is undefined: {result.Reason}" };
            return Result(!result.Drift) with
            {
                ObservedValue = score,
                ObservedText = text,
                Reason = result.Drift ? $"drift against '{Reference}': {result.Method} {scoreName} {ExpectationText.Number(score)} {rule} {ExpectationText.Number(result.Threshold)}" : null,
            };
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
    }

    private static long DistinctCount(double[] a, double[] b)
    {
        var set = new HashSet<double>(a);
        set.UnionWith(b);
        return set.Count;
    }

    private static IEnumerable<string> Labels(Column column)
    {
        for (var i = 0; i < column.Length; i++)
            if (column.GetText(i) is { } s) yield return s;
    }
}
