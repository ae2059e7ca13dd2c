using System.Globalization;

namespace Vigil.Core.Drift;

/// <summary>The column kinds the automatic method choice distinguishes.</summary>
public enum DriftColumnKind
{
    /// <summary>Numeric values.</summary>
    Numeric,
    /// <summary>Categories (strings, booleans, integers with few distinct values).</summary>
    Categorical,
}

/// <summary>The method the policy chose for a column, the threshold it implies (null: the method's default) and why.</summary>
/// <param name="Method">The method id.</param>
/// <param name="Threshold">The threshold to use, or null for the method's default.</param>
/// <param name="Reason">A human-readable reason, e.g. <c>"numeric, 5832 reference rows &gt; 1000, 812 distinct values → wasserstein_norm"</c>.</param>
public sealed record DriftMethodChoice(string Method, double? Threshold, string Reason);

/// <summary>
/// The automatic choice of a drift method (issue 4, item 3) — the one place the default policy lives.
/// <list type="bullet">
/// <item>numeric, ≤ 1000 reference rows → <c>ks</c> (p-value, 0.05): on small samples a test is informative;</item>
/// <item>numeric, &gt; 1000 reference rows → <c>wasserstein_norm</c> (distance, 0.1): on large samples every p-value
///   test flags trivial shifts, while a distance in reference standard deviations measures the size of the shift;</item>
/// <item>categorical with 2 categories, ≤ 1000 reference rows → <c>z</c> (0.05);</item>
/// <item>categorical, ≤ 1000 reference rows → <c>chisquare</c> (0.05);</item>
/// <item>categorical, &gt; 1000 reference rows → <c>jensenshannon</c> (distance, 0.1).</item>
/// </list>
/// A column with 1 distinct value still gets a method (a constant reference drifts when current stops being that
/// constant). Evidently's policy is similar but switches on 1000 rows of either side and uses p-value tests for
/// any number of categories; here the switch depends on the reference only, so a column's method does not change
/// from window to window of the current data.
/// </summary>
public static class DriftMethodPolicy
{
    /// <summary>Reference rows up to which p-value tests are used.</summary>
    public const long SmallSampleLimit = 1000;

    /// <summary>Chooses the method for a column (see the type's summary for the rule).</summary>
    /// <param name="kind">Numeric or categorical.</param>
    /// <param name="referenceRows">Non-missing reference values.</param>
    /// <param name="distinctValues">Distinct non-missing values (categories) over reference and current.</param>
    public static DriftMethodChoice Choose(DriftColumnKind kind, long referenceRows, long distinctValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(referenceRows);
        ArgumentOutOfRangeException.ThrowIfNegative(distinctValues);
        var small = referenceRows <= SmallSampleLimit;
        var rows = string.Create(CultureInfo.InvariantCulture, $"{referenceRows} reference rows {(small ? "<=" : ">")} {SmallSampleLimit}");
        string method;
        double? threshold;
        string distinct;
        if (kind == DriftColumnKind.Numeric)
        {
            (method, threshold) = small ? ("ks", 0.05) : ("wasserstein_norm", 0.1);
            distinct = string.Create(CultureInfo.InvariantCulture, $"{distinctValues} distinct values");
        }
        else
        {
            (method, threshold) = !small ? ("jensenshannon", 0.1) : distinctValues == 2 ? ("z", 0.05) : ("chisquare", 0.05);
            distinct = string.Create(CultureInfo.InvariantCulture, $"{distinctValues} categories");
        }
        var kindText = kind == DriftColumnKind.Numeric ? "numeric" : "categorical";
        return new DriftMethodChoice(method, threshold, $"{kindText}, {rows}, {distinct} → {method}");
    }
}
