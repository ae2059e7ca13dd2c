using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>The margins <see cref="SuiteSuggester"/> puts around what it observed.</summary>
public sealed record SuggestionOptions
{
    /// <summary><c>row_count_between</c> accepts the observed count ± this share (default 0.5).</summary>
    public double RowCountMargin { get; init; } = 0.5;

    /// <summary><c>between</c> widens [min, max] by this share of the range on each side (default 0.1).</summary>
    public double RangeMargin { get; init; } = 0.1;

    /// <summary><c>mean_between</c> accepts the mean ± this many standard deviations (default 0.25).</summary>
    public double MeanMarginInStandardDeviations { get; init; } = 0.25;

    /// <summary><c>stdev_between</c> accepts the standard deviation × [1 − m, 1 + m] (default 0.25).</summary>
    public double StandardDeviationMargin { get; init; } = 0.25;

    /// <summary>Absolute slack below the observed non-missing share for <c>not_null</c>'s <c>mostly</c> (default 0.02), added to 3 binomial standard errors.</summary>
    public double NotNullMargin { get; init; } = 0.02;

    /// <summary>Columns with at most this many distinct values get <c>in_set</c> (default 20).</summary>
    public int MaxSetSize { get; init; } = 20;
}

/// <summary>
/// Proposes an expectation suite from data the user trusts (<c>vigil suggest</c>). Table level: <c>column_set</c>
/// (exact), <c>row_count_between</c> (± 50%), <c>no_duplicate_rows</c> when the data has none. Per column: <c>type</c>;
/// <c>not_null</c> (strict when nothing is missing, else with <c>mostly</c> = observed share − (0.02 + 3·√(p(1−p)/n)));
/// numbers: <c>between</c> [min − 10% of the range, max + 10%] (not below 0 when nothing was negative; integers rounded
/// outwards), <c>mean_between</c> (mean ± 0.25 sd) and <c>stdev_between</c> (sd × [0.75, 1.25]) at warn severity since
/// they describe the distribution rather than validity; <c>in_set</c> for ≤ 20 categories (and integer codes with ≤ 20
/// values); <c>unique</c> for all-distinct text, integer or timestamp columns (continuous numbers are distinct by chance,
/// so they get none). Each check carries a comment with what was observed. The suite passes on the data it came from
/// (the margins only widen), which the tests check. Cost O(columns · n log n).
/// </summary>
public static class SuiteSuggester
{
    /// <summary>Suggests a suite for <paramref name="frame"/>.</summary>
    public static SuiteDocument Suggest(DataFrame frame, SuggestionOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var o = options ?? new SuggestionOptions();
        var checks = new List<ExpectationSpec>();
        var n = frame.RowCount;
        checks.Add(Spec("column_set", [P("columns", SuiteValue.List(frame.ColumnNames)), P("mode", SuiteValue.Text("exact"))],
            $"observed {frame.Columns.Count} columns"));
        var lo = Math.Floor(n * (1 - o.RowCountMargin));
        var hi = Math.Ceiling(n * (1 + o.RowCountMargin));
        checks.Add(Spec("row_count_between", [P("min", SuiteValue.Number(lo)), P("max", SuiteValue.Number(hi))],
            $"observed {n} rows; accepting ±{o.RowCountMargin * 100:0.#}% (adjust to your batch sizes)"));
        var duplicates = NoDuplicateRowsExpectation.FindDuplicates(n, frame.Columns).Count;
        if (duplicates == 0)
            checks.Add(Spec("no_duplicate_rows", [], "observed no duplicate rows"));
        else
            checks.Add(Spec("no_duplicate_rows", [P("severity", SuiteValue.Text("warn"))], $"observed {duplicates} duplicate rows already, so only a warning"));

        foreach (var column in frame.Columns) AddColumnChecks(checks, column, n, o);
        return new SuiteDocument(name, checks)
        {
            HeaderComments =
            [
                $"Suggested by vigil suggest from {frame.Source} ({n} rows, {frame.Columns.Count} columns).",
                "Bounds are what was observed plus margins, not business rules: review them before relying on the suite.",
            ],
        };
    }

    private static KeyValuePair<string, SuiteValue> P(string key, SuiteValue value) => new(key, value);

    private static ExpectationSpec Spec(string check, IReadOnlyList<KeyValuePair<string, SuiteValue>> parameters, string comment) =>
        new(check, parameters) { Comment = comment };

    private static string Num(double v) => ExpectationText.Number(v);

    private static void AddColumnChecks(List<ExpectationSpec> checks, Column column, int n, SuggestionOptions o)
    {
        var col = P("column", SuiteValue.Text(column.Name));
        var type = column.Type switch { ColumnType.Categorical or ColumnType.Text => "string", var t => ExpectationText.TypeName(t) };
        checks.Add(Spec("type", [col, P("type", SuiteValue.Text(type))], $"{column.Name}: read as {ExpectationText.TypeName(column.Type)}"));

        var missing = column.MissingCount();
        var present = n - missing;
        if (n > 0 && missing == 0)
            checks.Add(Spec("not_null", [col], $"{column.Name}: no missing values in {n} rows"));
        else if (present > 0)
        {
            var p = (double)present / n;
            var mostly = Math.Max(0, Math.Floor((p - o.NotNullMargin - 3 * Math.Sqrt(p * (1 - p) / n)) * 1000) / 1000);
            checks.Add(Spec("not_null", [col, P("mostly", SuiteValue.Number(mostly))],
                $"{column.Name}: {missing} missing ({(1 - p) * 100:0.##}%); observed non-missing share {Num(p)}, mostly = share − margin"));
        }
        if (present == 0) return;

        var distinct = DistinctCountBetweenExpectation.CountDistinct(column);
        switch (column)
        {
            case NumericColumn num:
                AddNumericChecks(checks, col, num, present, distinct, o);
                break;
            case CategoricalColumn cat:
                if (distinct <= o.MaxSetSize)
                {
                    var used = new bool[cat.Categories.Length];
                    foreach (var code in cat.Codes) if (code >= 0) used[code] = true;
                    var values = cat.Categories.Where((_, k) => used[k]).Order(StringComparer.Ordinal).ToList();
                    checks.Add(Spec("in_set", [col, P("values", SuiteValue.List(values))], $"{column.Name}: {distinct} categories observed"));
                }
                if (distinct == present && present > 1 && column.Type != ColumnType.Boolean)
                    checks.Add(Spec("unique", [col], $"{column.Name}: all {present} values distinct"));
                break;
            case TimestampColumn:
                if (distinct == present && present > 1)
                    checks.Add(Spec("unique", [col], $"{column.Name}: all {present} timestamps distinct"));
                break;
        }
    }

    private static void AddNumericChecks(List<ExpectationSpec> checks, KeyValuePair<string, SuiteValue> col, NumericColumn column, int present, long distinct, SuggestionOptions o)
    {
        var values = ExpectationText.PresentValues(column)!;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var integers = true;
        foreach (var x in values)
        {
            if (x < min) min = x;
            if (x > max) max = x;
            if (integers && x != Math.Floor(x)) integers = false;
        }
        var range = max - min;
        var margin = range > 0 ? o.RangeMargin * range : o.RangeMargin * Math.Abs(min);
        var lo = min - margin;
        var hi = max + margin;
        var clamped = min >= 0 && lo < 0;
        if (clamped) lo = 0;
        (lo, hi) = integers ? (Math.Floor(lo), Math.Ceiling(hi)) : (RoundDown(lo, range), RoundUp(hi, range));
        var name = column.Name;
        checks.Add(Spec("between", [col, P("min", SuiteValue.Number(lo)), P("max", SuiteValue.Number(hi))],
            $"{name}: observed range [{Num(min)}, {Num(max)}]; widened by {o.RangeMargin * 100:0.#}% of the range{(clamped ? ", not below 0" : "")}"));

        if (integers && distinct <= o.MaxSetSize && present >= 5 * distinct)
        {
            var set = new SortedSet<double>(values);
            checks.Add(Spec("in_set", [col, P("values", SuiteValue.List(set.Select(ExpectationText.Exact)))],
                $"{name}: {distinct} integer codes observed"));
        }
        if (integers && distinct == present && present > 1)
            checks.Add(Spec("unique", [col], $"{name}: all {present} values distinct"));

        var mean = MeanBetweenExpectation.Mean(values);
        var sd = StandardDeviationBetweenExpectation.SampleStandardDeviation(values);
        if (double.IsNaN(sd)) return;
        var warn = P("severity", SuiteValue.Text("warn"));
        var scale = sd > 0 ? sd : Math.Max(Math.Abs(mean), 1);
        checks.Add(Spec("mean_between", [col, P("min", SuiteValue.Number(RoundDown(mean - o.MeanMarginInStandardDeviations * scale, scale))),
                P("max", SuiteValue.Number(RoundUp(mean + o.MeanMarginInStandardDeviations * scale, scale))), warn],
            $"{name}: observed mean {Num(mean)}, sd {Num(sd)}; mean ± {o.MeanMarginInStandardDeviations} sd"));
        checks.Add(Spec("stdev_between", [col, P("min", SuiteValue.Number(RoundDown(sd * (1 - o.StandardDeviationMargin), scale))),
                P("max", SuiteValue.Number(RoundUp(sd * (1 + o.StandardDeviationMargin), scale))), warn],
            $"{name}: observed sd {Num(sd)} (ddof 1); sd × [{1 - o.StandardDeviationMargin}, {1 + o.StandardDeviationMargin}]"));
    }

    // Round outwards to 4 significant digits of the scale, so bounds stay readable and still contain what was seen.
    private static double Step(double scale) => scale > 0 && double.IsFinite(scale) ? Math.Pow(10, Math.Floor(Math.Log10(scale)) - 3) : 1e-6;

    private static double RoundDown(double x, double scale)
    {
        var s = Step(scale);
        var r = Math.Floor(x / s) * s;
        r = double.Parse(r.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return r <= x ? r : x;
    }

    private static double RoundUp(double x, double scale)
    {
        var s = Step(scale);
        var r = Math.Ceiling(x / s) * s;
        r = double.Parse(r.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return r >= x ? r : x;
    }
}
