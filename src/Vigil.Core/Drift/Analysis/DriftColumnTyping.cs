using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Core.Drift.Analysis;

/// <summary>How a column is treated by the drift analysis: a kind (or null when excluded) and why.</summary>
/// <param name="Kind">Numeric or categorical; null when the column is not tested.</param>
/// <param name="Reason">Why, e.g. <c>"integer with 4 distinct values ≤ 10 → categorical"</c> or the exclusion reason.</param>
public sealed record DriftColumnType(DriftColumnKind? Kind, string Reason)
{
    /// <summary>True when the column is excluded from testing.</summary>
    public bool Excluded => Kind is null;
}

/// <summary>
/// Column typing for drift (issue 4, item 2), in two steps:
/// <list type="number">
/// <item><see cref="FromDeclared"/> uses the loaded types and the user's overrides: <c>--numeric</c> /
///   <c>--categorical</c> win; timestamp columns are excluded (they define windows, see <c>--timestamp</c>); text
///   columns (the loader's <see cref="ColumnType.Text"/>: many distinct strings) are excluded as free text or ids;
///   strings and booleans are categorical; numbers are decided by step 2.</item>
/// <item><see cref="ClassifyNumeric"/> looks at the sorted values: integer-valued columns with at most
///   <c>limit</c> distinct values (reference ∪ current) are categorical; integer-valued columns whose reference values
///   are all distinct (more than <c>limit</c> of them) are id-like and excluded; the rest are numeric.
///   <see cref="ClassifyCategorical"/> excludes string columns whose reference values are all distinct (id-like).</item>
/// </list>
/// Cost: O(n) over already sorted values or category counts; no allocation.
/// </summary>
public static class DriftColumnTyping
{
    /// <summary>
    /// Step 1: the kind implied by the declared types of the two sides and the overrides; a null kind with a
    /// non-excluded result means "numeric data, decide with <see cref="ClassifyNumeric"/>".
    /// </summary>
    public static (DriftColumnType? Decided, bool ForcedNumeric, bool ForcedCategorical) FromDeclared(Column reference, Column current, DriftAnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        var name = reference.Name;
        if (reference.Type == ColumnType.Timestamp || current.Type == ColumnType.Timestamp)
            return (new DriftColumnType(null, "timestamp column: not tested (use --timestamp COL with --window to see drift over time)"), false, false);
        if (settings.ForceNumeric.Contains(name)) return (new DriftColumnType(DriftColumnKind.Numeric, "numeric (--numeric)"), true, false);
        if (settings.ForceCategorical.Contains(name)) return (new DriftColumnType(DriftColumnKind.Categorical, "categorical (--categorical)"), false, true);
        if (reference.Type == ColumnType.Text || current.Type == ColumnType.Text)
        {
            var distinct = reference is CategoricalColumn c ? c.Categories.Length : 0;
            return (new DriftColumnType(null, string.Create(CultureInfo.InvariantCulture,
                $"text column ({distinct} distinct reference values): free text or ids are not tested (force with --categorical)")), false, false);
        }
        if ((reference.Type == ColumnType.Numeric) != (current.Type == ColumnType.Numeric))
        {
            var (numericSide, textSide, text) = reference.Type == ColumnType.Numeric ? ("reference", "current", current) : ("current", "reference", reference);
            return (new DriftColumnType(null, $"numbers in the {numericSide} data but text in the {textSide} data (first non-number: '{FirstNonNumber(text)}'): a type change, not tested; fix the data or force with --categorical"), false, false);
        }
        if (reference.Type is ColumnType.Categorical or ColumnType.Boolean || current.Type is ColumnType.Categorical or ColumnType.Boolean)
            return (new DriftColumnType(DriftColumnKind.Categorical, reference.Type == ColumnType.Boolean ? "boolean → categorical" : "strings → categorical"), false, false);
        return (null, false, false);
    }

    private static string FirstNonNumber(Column column)
    {
        for (var i = 0; i < column.Length; i++)
            if (column.GetText(i) is { } t && !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return t.Length > 40 ? t[..40] + "…" : t;
        return "?";
    }

    /// <summary>Step 2 for numeric data: categorical, id-like (excluded) or numeric, from the sorted non-missing values.</summary>
    /// <param name="referenceSorted">Reference values, ascending, finite.</param>
    /// <param name="currentSorted">Current values, ascending, finite.</param>
    /// <param name="limit">Integer columns with at most this many distinct values are categorical.</param>
    public static DriftColumnType ClassifyNumeric(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted, int limit)
    {
        var integers = AllIntegers(referenceSorted) && AllIntegers(currentSorted);
        var distinct = DistinctOfUnion(referenceSorted, currentSorted);
        if (integers && distinct <= limit)
            return new DriftColumnType(DriftColumnKind.Categorical, string.Create(CultureInfo.InvariantCulture, $"integer with {distinct} distinct values ≤ {limit} → categorical"));
        if (integers && referenceSorted.Length > limit && DistinctOfUnion(referenceSorted, []) == referenceSorted.Length)
            return new DriftColumnType(null, string.Create(CultureInfo.InvariantCulture,
                $"id-like: all {referenceSorted.Length} reference values are distinct integers (force with --numeric)"));
        return new DriftColumnType(DriftColumnKind.Numeric, string.Create(CultureInfo.InvariantCulture,
            $"{(integers ? "integer" : "numeric")} with {distinct} distinct values → numeric"));
    }

    /// <summary>Step 2 for categorical data: excluded as id-like when every reference value is distinct (and there are more than <paramref name="limit"/>).</summary>
    public static DriftColumnType ClassifyCategorical(CategoryCounts counts, int limit, string declaredReason)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var allDistinct = counts.ReferenceTotal > Math.Max(limit, 1);
        for (var i = 0; i < counts.Reference.Length && allDistinct; i++) if (counts.Reference[i] > 1) allDistinct = false;
        return allDistinct
            ? new DriftColumnType(null, string.Create(CultureInfo.InvariantCulture, $"id-like: all {counts.ReferenceTotal} reference values are distinct (force with --categorical)"))
            : new DriftColumnType(DriftColumnKind.Categorical, string.Create(CultureInfo.InvariantCulture, $"{declaredReason} ({counts.ObservedCategoryCount} categories)"));
    }

    /// <summary>The number of distinct values in the union of two ascending samples (merge, O(n + m)).</summary>
    public static long DistinctOfUnion(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        long k = 0;
        int i = 0, j = 0;
        var last = double.NaN;
        while (i < a.Length || j < b.Length)
        {
            var v = j >= b.Length || (i < a.Length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (k == 0 || v != last) { k++; last = v; }
        }
        return k;
    }

    private static bool AllIntegers(ReadOnlySpan<double> x)
    {
        for (var i = 0; i < x.Length; i++) if (x[i] != Math.Floor(x[i])) return false;
        return true;
    }
}
