using MathNet.Numerics;

namespace Vigil.Core.Drift;

/// <summary>
/// Fisher's exact test on the 2×2 table [[ref_a, ref_b], [cur_a, cur_b]] (id <c>fisher_exact</c>), two-sided, as
/// scipy 1.10 <c>fisher_exact</c>: the statistic is the sample odds ratio (ref_a·cur_b)/(ref_b·cur_a) (∞ when b·c = 0,
/// as scipy gives it), p = Σ of hypergeometric probabilities of the tables no more likely than the observed one
/// (relative tolerance 1e-7, scipy's). Needs exactly 2 observed categories. Cost O(min margin).
/// </summary>
public sealed class FisherExact : ICategoricalDriftMethod
{
    /// <inheritdoc/>
    public string Id => "fisher_exact";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Categorical;

    /// <inheritdoc/>
    public DriftStatistic Compute(CategoryCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.ReferenceTotal == 0 || counts.CurrentTotal == 0) return DriftStatistic.Undefined(ScoreKind, "empty sample");
        var (r, c) = CategoryTable.Observed(counts);
        if (r.Length != 2) return DriftStatistic.Undefined(ScoreKind, $"Fisher's exact test needs a 2×2 table, found {r.Length} categories");
        long a = (long)r[0], b = (long)r[1], cc = (long)c[0], d = (long)c[1];
        var odds = b > 0 && cc > 0 ? (double)a * d / ((double)b * cc) : double.PositiveInfinity;
        long row1 = a + b, col1 = a + cc, total = a + b + cc + d;
        long lo = Math.Max(0, col1 - (total - row1)), hi = Math.Min(row1, col1);
        var logObserved = LogHypergeometric(a, total, row1, col1);
        double p = 0;
        for (var x = lo; x <= hi; x++)
        {
            var lp = LogHypergeometric(x, total, row1, col1);
            if (lp <= logObserved + Math.Log(1 + 1e-7)) p += Math.Exp(lp);
        }
        return new DriftStatistic(odds, Math.Clamp(p, 0, 1)) { UnseenCategories = counts.UnseenCategories, PValueMethod = "exact" };
    }

    private static double LogHypergeometric(long x, long total, long successes, long draws) =>
        SpecialFunctions.BinomialLn((int)successes, (int)x) + SpecialFunctions.BinomialLn((int)(total - successes), (int)(draws - x))
        - SpecialFunctions.BinomialLn((int)total, (int)draws);
}
