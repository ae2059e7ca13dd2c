using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Vigil.Core.Statistics;

/// <summary>
/// DeLong, DeLong &amp; Clarke-Pearson (1988), "Comparing the areas under two or more correlated receiver operating
/// characteristic curves: a nonparametric approach", Biometrics 44:837–845: the variance of the empirical ROC AUC from
/// its structural components, computed with the fast midrank algorithm of Sun &amp; Xu (2014), IEEE Signal Processing
/// Letters 21(11):1389–1393, in O(N log N) instead of O(m·n).
/// <para>
/// With m positives X and n negatives Y, midranks T_Z over the pooled scores, T_X within X and T_Y within Y:
/// V10ᵢ = (T_Z(Xᵢ) − T_X(Xᵢ)) / n, V01ⱼ = 1 − (T_Z(Yⱼ) − T_Y(Yⱼ)) / m, AUC = mean V10 = mean V01 (ties count ½),
/// Var(AUC) = S10/m + S01/n with S the sample (n − 1) variances; for two score vectors on the same rows the
/// covariance uses the sample covariances of the components, and the paired test is
/// z = (AUC_A − AUC_B) / √(Var_A + Var_B − 2·Cov_AB) with a two-sided normal p-value (pROC <c>roc.test(method="delong")</c>).
/// </para>
/// Intervals are normal: AUC ± z₁₋α/₂·SE, clipped to [0, 1] (as pROC <c>ci.auc(method="delong")</c>). Undefined results
/// carry NaN and a reason: fewer than two positives or negatives, or a zero variance in the paired test.
/// Labels: true = positive, larger scores mean positive. Inputs must be NaN-free. Cost: O(N log N), O(N) memory.
/// </summary>
public static class DeLong
{
    /// <summary>The AUC of <paramref name="scores"/>, its DeLong variance and a normal confidence interval.</summary>
    public static DeLongAuc Auc(bool[] labels, double[] scores, double level = 0.95)
    {
        CheckInputs(labels, scores, level);
        return Auc(Components(labels, scores, out var auc), auc, level);
    }

    /// <summary>
    /// As <see cref="Auc(bool[], double[], double)"/> for a sample's labels and scores, reusing the sample's shared score
    /// order instead of sorting again (O(N) after that sort).
    /// </summary>
    /// <exception cref="ArgumentException">The sample has no scores.</exception>
    public static DeLongAuc Auc(Metrics.BinarySample sample, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Scores is null) throw new ArgumentException("The sample has no scores.", nameof(sample));
        CheckInputs(sample.Labels, sample.Scores, level);
        return Auc(Components(sample.Labels, sample.Scores, sample.OrderByScoreDescending, out var auc), auc, level);
    }

    private static DeLongAuc Auc((double[] V10, double[] V01) components, double auc, double level)
    {
        var (v10, v01) = components;
        var m = v10.Length;
        var n = v01.Length;
        if (m < 2 || n < 2)
            return new DeLongAuc(m > 0 && n > 0 ? auc : double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, level, m, n,
                "DeLong variance needs at least two positives and two negatives");
        var variance = Covariance(v10, v10) / m + Covariance(v01, v01) / n;
        var se = Math.Sqrt(variance);
        var z = Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
        return new DeLongAuc(auc, variance, se, Math.Max(0, auc - z * se), Math.Min(1, auc + z * se), level, m, n, null);
    }

    /// <summary>The paired DeLong test of two score vectors on the same rows: difference A − B, its SE, z, two-sided p and interval.</summary>
    public static DeLongComparison Compare(bool[] labels, double[] scoresA, double[] scoresB, double level = 0.95)
    {
        CheckInputs(labels, scoresA, level);
        CheckInputs(labels, scoresB, level);
        var (a10, a01) = Components(labels, scoresA, out var aucA);
        var (b10, b01) = Components(labels, scoresB, out var aucB);
        var m = a10.Length;
        var n = a01.Length;
        var difference = aucA - aucB;
        if (m < 2 || n < 2)
            return new DeLongComparison(aucA, aucB, difference, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
                double.NaN, double.NaN, level, "DeLong variance needs at least two positives and two negatives");
        var varA = Covariance(a10, a10) / m + Covariance(a01, a01) / n;
        var varB = Covariance(b10, b10) / m + Covariance(b01, b01) / n;
        var cov = Covariance(a10, b10) / m + Covariance(a01, b01) / n;
        var varianceOfDifference = varA + varB - 2 * cov;
        if (!(varianceOfDifference > 0))
            return new DeLongComparison(aucA, aucB, difference, varA, varB, cov, 0, double.NaN, double.NaN, difference, difference, level,
                "the variance of the AUC difference is 0 (the two scores rank the rows identically)");
        var se = Math.Sqrt(varianceOfDifference);
        var zValue = difference / se;
        var p = SpecialFunctions.Erfc(Math.Abs(zValue) / Math.Sqrt(2));
        var q = Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
        return new DeLongComparison(aucA, aucB, difference, varA, varB, cov, se, zValue, p, difference - q * se, difference + q * se, level, null);
    }

    private static void CheckInputs(bool[] labels, double[] scores, double level)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Length != scores.Length) throw new ArgumentException("labels and scores differ in length.", nameof(scores));
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), "The confidence level must lie in (0, 1).");
    }

    /// <summary>Structural components V10 (per positive) and V01 (per negative) via midranks.</summary>
    internal static (double[] V10, double[] V01) Components(bool[] labels, double[] scores, out double auc)
    {
        var keys = new double[scores.Length];
        var order = new int[scores.Length];
        for (var i = 0; i < keys.Length; i++) { keys[i] = -scores[i]; order[i] = i; }
        Array.Sort(keys, order);
        return Components(labels, scores, order, out auc);
    }

    /// <summary>
    /// The same components from one ordering of the rows by score, descending, with tied scores adjacent (e.g.
    /// <see cref="Metrics.BinarySample.OrderByScoreDescending"/>): one O(N) walk gives the pooled midrank T_Z and the
    /// within-class midranks T_X, T_Y of every tie group, so no further sort is needed. Components are in row order.
    /// </summary>
    internal static (double[] V10, double[] V01) Components(bool[] labels, double[] scores, int[] orderDescending, out double auc)
    {
        var total = labels.Length;
        var m = 0;
        foreach (var l in labels) if (l) m++;
        var n = total - m;
        var placement = new double[total]; // T_Z − T_X for a positive row, T_Z − T_Y for a negative row
        int start = 0, positivesBefore = 0, negativesBefore = 0;
        while (start < total)
        {
            var end = start + 1;
            var score = scores[orderDescending[start]];
            while (end < total && scores[orderDescending[end]] == score) end++;
            var groupPositives = 0;
            for (var p = start; p < end; p++) if (labels[orderDescending[p]]) groupPositives++;
            var groupNegatives = end - start - groupPositives;
            // ascending 1-based midranks of the group: pooled, among positives, among negatives
            var tz = 0.5 * ((total - end) + (total - start - 1)) + 1;
            var tx = 0.5 * ((m - positivesBefore - groupPositives) + (m - positivesBefore - 1)) + 1;
            var ty = 0.5 * ((n - negativesBefore - groupNegatives) + (n - negativesBefore - 1)) + 1;
            for (var p = start; p < end; p++)
            {
                var row = orderDescending[p];
                placement[row] = tz - (labels[row] ? tx : ty);
            }
            positivesBefore += groupPositives;
            negativesBefore += groupNegatives;
            start = end;
        }
        var v10 = new double[m];
        var v01 = new double[n];
        int xi = 0, yi = 0;
        double sum = 0;
        for (var i = 0; i < total; i++)
        {
            if (labels[i])
            {
                var v = placement[i] / n;
                v10[xi++] = v;
                sum += v;
            }
            else v01[yi++] = 1 - placement[i] / m;
        }
        auc = m > 0 && n > 0 ? sum / m : double.NaN;
        return (v10, v01);
    }

    /// <summary>1-based ranks with ties given their mean rank. O(k log k).</summary>
    internal static double[] MidRanks(double[] values)
    {
        var k = values.Length;
        var keys = (double[])values.Clone();
        var order = new int[k];
        for (var i = 0; i < k; i++) order[i] = i;
        Array.Sort(keys, order);
        var ranks = new double[k];
        var start = 0;
        while (start < k)
        {
            var end = start + 1;
            while (end < k && keys[end] == keys[start]) end++;
            var rank = 0.5 * (start + end - 1) + 1;
            for (var i = start; i < end; i++) ranks[order[i]] = rank;
            start = end;
        }
        return ranks;
    }

    private static double Covariance(double[] a, double[] b)
    {
        double meanA = 0, meanB = 0;
        for (var i = 0; i < a.Length; i++) { meanA += a[i]; meanB += b[i]; }
        meanA /= a.Length;
        meanB /= b.Length;
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += (a[i] - meanA) * (b[i] - meanB);
        return s / (a.Length - 1);
    }
}

/// <summary>A ROC AUC with its DeLong variance and normal confidence interval (clipped to [0, 1]).</summary>
/// <param name="Auc">Empirical AUC (ties count ½).</param>
/// <param name="Variance">DeLong variance S10/m + S01/n.</param>
/// <param name="StandardError">√Variance.</param>
/// <param name="Lower">Lower bound of the interval.</param>
/// <param name="Upper">Upper bound of the interval.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="Positives">Number of positive rows m.</param>
/// <param name="Negatives">Number of negative rows n.</param>
/// <param name="Reason">Why the values are NaN, or null.</param>
public sealed record DeLongAuc(double Auc, double Variance, double StandardError, double Lower, double Upper, double Level,
    int Positives, int Negatives, string? Reason);

/// <summary>The paired DeLong test of two correlated AUCs (A − B).</summary>
/// <param name="AucA">AUC of the first score vector.</param>
/// <param name="AucB">AUC of the second score vector.</param>
/// <param name="Difference">AucA − AucB.</param>
/// <param name="VarianceA">DeLong variance of AucA.</param>
/// <param name="VarianceB">DeLong variance of AucB.</param>
/// <param name="Covariance">DeLong covariance of the two AUCs.</param>
/// <param name="StandardError">√(VarianceA + VarianceB − 2·Covariance).</param>
/// <param name="Z">Difference / StandardError.</param>
/// <param name="PValue">Two-sided normal p-value of Z.</param>
/// <param name="Lower">Lower bound of the interval for the difference (not clipped).</param>
/// <param name="Upper">Upper bound of the interval for the difference.</param>
/// <param name="Level">Confidence level.</param>
/// <param name="Reason">Why Z / PValue are NaN, or null.</param>
public sealed record DeLongComparison(double AucA, double AucB, double Difference, double VarianceA, double VarianceB, double Covariance,
    double StandardError, double Z, double PValue, double Lower, double Upper, double Level, string? Reason);
