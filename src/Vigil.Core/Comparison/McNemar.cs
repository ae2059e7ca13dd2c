using MathNet.Numerics.Distributions;

namespace Vigil.Core.Comparison;

/// <summary>
/// McNemar's test (McNemar 1947, Psychometrika 12:153–157) of equal accuracy of two classifiers on the same rows.
/// Only the discordant pairs count: b = rows the baseline gets right and the candidate wrong, c = the reverse.
/// <para>
/// Rule (Vigil's, after Fagerland, Lydersen &amp; Laake 2013, BMC Med Res Methodol 13:91, who advise the exact test for
/// small counts): when b + c &lt; <see cref="ExactBelow"/> the p-value is the exact two-sided binomial test of b ~ Bin(b + c, ½),
/// p = min(1, 2·P(X ≤ min(b, c))) — identical to scipy <c>binomtest(b, b + c, 0.5)</c> since the null is symmetric;
/// otherwise it is the chi-square test with Edwards' continuity correction, χ² = (|b − c| − 1)² / (b + c) on 1 degree of
/// freedom (scipy <c>chi2.sf(χ², 1)</c>). With no discordant pair the models agree everywhere: p = 1.
/// </para>
/// The paired accuracy difference (candidate − baseline) is (c − b)/n; its interval is the Wald interval for paired
/// proportions (Agresti 2002, Categorical Data Analysis §10.1.2): (c − b)/n ± z·√((b + c) − (c − b)²/n) / n.
/// Cost: O(n), no allocation.
/// </summary>
public static class McNemar
{
    /// <summary>Discordant-pair count below which the exact binomial p-value is used.</summary>
    public const int ExactBelow = 25;

    /// <summary>Test id when the exact binomial p-value was used.</summary>
    public const string ExactTest = "mcnemar_exact";

    /// <summary>Test id when the continuity-corrected chi-square p-value was used.</summary>
    public const string ChiSquareTest = "mcnemar_chi_square";

    /// <summary>Counts the discordant pairs of two prediction vectors against the labels and tests them.</summary>
    public static McNemarResult Compare(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> baselinePredictions, ReadOnlySpan<bool> candidatePredictions, double level = 0.95)
    {
        if (labels.Length != baselinePredictions.Length || labels.Length != candidatePredictions.Length)
            throw new ArgumentException("labels and the two prediction vectors must have the same length.", nameof(candidatePredictions));
        int b = 0, c = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var baseRight = baselinePredictions[i] == labels[i];
            var candRight = candidatePredictions[i] == labels[i];
            if (baseRight && !candRight) b++;
            else if (candRight && !baseRight) c++;
        }
        return FromCounts(b, c, labels.Length, level);
    }

    /// <summary>The test from the discordant counts <paramref name="b"/> (only baseline right) and <paramref name="c"/> (only candidate right) among <paramref name="rows"/> rows.</summary>
    public static McNemarResult FromCounts(int b, int c, int rows, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        if (rows < b + c) throw new ArgumentOutOfRangeException(nameof(rows), "rows must be at least b + c.");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), "The confidence level must lie in (0, 1).");
        var n = b + c;
        double statistic, p;
        string test;
        if (n < ExactBelow)
        {
            test = ExactTest;
            statistic = Math.Min(b, c);
            p = n == 0 ? 1.0 : Math.Min(1.0, 2 * BinomialHalfCdf(Math.Min(b, c), n));
        }
        else
        {
            test = ChiSquareTest;
            var d = Math.Abs(b - c) - 1.0;
            statistic = d <= 0 ? 0 : d * d / n;
            p = UpperTailChiSquareOne(statistic);
        }
        double difference = double.NaN, low = double.NaN, high = double.NaN;
        if (rows > 0)
        {
            difference = (double)(c - b) / rows;
            var se = Math.Sqrt(Math.Max(0, n - (double)(c - b) * (c - b) / rows)) / rows;
            var z = Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
            low = difference - z * se;
            high = difference + z * se;
        }
        return new McNemarResult(b, c, rows, test, statistic, p, difference, low, high, level);
    }

    /// <summary>P(X ≤ k) for X ~ Bin(n, ½), n &lt; 25: exact in double (every term is an integer over 2ⁿ).</summary>
    private static double BinomialHalfCdf(int k, int n)
    {
        double coefficient = 1, sum = 0;
        for (var i = 0; i <= k; i++)
        {
            sum += coefficient;
            coefficient = coefficient * (n - i) / (i + 1);
        }
        return sum / Math.Pow(2, n);
    }

    /// <summary>P(χ²₁ &gt; x) = erfc(√(x/2)), accurate in the far tail where 1 − CDF cancels.</summary>
    private static double UpperTailChiSquareOne(double x) => MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(x / 2));
}

/// <summary>The result of <see cref="McNemar"/>.</summary>
/// <param name="BaselineOnlyCorrect">b: rows the baseline classifies correctly and the candidate does not.</param>
/// <param name="CandidateOnlyCorrect">c: rows the candidate classifies correctly and the baseline does not.</param>
/// <param name="Rows">All paired rows n.</param>
/// <param name="Test"><see cref="McNemar.ExactTest"/> or <see cref="McNemar.ChiSquareTest"/>.</param>
/// <param name="Statistic">min(b, c) for the exact test, the corrected χ² otherwise.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Difference">Accuracy difference candidate − baseline = (c − b)/n; NaN when n = 0.</param>
/// <param name="Low">Lower Wald bound of the difference.</param>
/// <param name="High">Upper Wald bound of the difference.</param>
/// <param name="Level">Confidence level.</param>
public sealed record McNemarResult(int BaselineOnlyCorrect, int CandidateOnlyCorrect, int Rows, string Test, double Statistic,
    double PValue, double Difference, double Low, double High, double Level);
