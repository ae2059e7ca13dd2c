using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Vigil.Core.Drift.Analysis;

/// <summary>
/// The result of a multivariate drift detector (<c>--multivariate</c>). Every detector fills the common part
/// (<see cref="Statistic"/>, <see cref="PValue"/>, <see cref="Threshold"/>, <see cref="Drift"/>); its own details are in
/// the band (<c>pca</c>), <see cref="DomainClassifier"/> or <see cref="MaximumMeanDiscrepancy"/>.
/// </summary>
/// <param name="Method">Detector id: <c>pca</c>, <c>mmd</c> or <c>domain_classifier</c>.</param>
/// <param name="Statistic">The detector's statistic on the current data (PCA: mean reconstruction error; mmd: MMD²;
/// domain_classifier: cross-validated ROC AUC); NaN when undefined.</param>
/// <param name="ReferenceValue">PCA: the statistic on the reference data; NaN for the other detectors.</param>
/// <param name="Lower">PCA: lower bound of the no-drift band; NaN for the other detectors.</param>
/// <param name="Upper">PCA: upper bound of the no-drift band; NaN for the other detectors.</param>
/// <param name="Drift">The decision (false when undefined).</param>
/// <param name="Details">What was used, in words (columns, components, rows).</param>
/// <param name="Reason">Why the statistic is undefined, or null.</param>
public sealed record MultivariateDriftResult(string Method, double Statistic, double ReferenceValue, double Lower, double Upper, bool Drift, string Details, string? Reason)
{
    /// <summary>The p-value (mmd), or null for detectors without one.</summary>
    public double? PValue { get; init; }

    /// <summary>The decision threshold (mmd: p &lt; threshold; domain_classifier: AUC &gt; threshold); null for pca, whose band is its threshold.</summary>
    public double? Threshold { get; init; }

    /// <summary>The domain classifier's full result (AUC interval, drivers, skipped columns), or null.</summary>
    public Multivariate.DomainClassifierResult? DomainClassifier { get; init; }

    /// <summary>The multivariate MMD's full result (bandwidth, permutations, rows), or null.</summary>
    public Multivariate.MaximumMeanDiscrepancyResult? MaximumMeanDiscrepancy { get; init; }
}

/// <summary>
/// PCA reconstruction error (as NannyML's data reconstruction drift): standardise each numeric column with the
/// reference mean and standard deviation (ddof 0; constant columns dropped), fit PCA on the reference keeping the
/// fewest components whose cumulative explained variance exceeds 65% (scikit-learn's <c>PCA(n_components=0.65)</c>
/// rule), and measure each row's reconstruction error, the Euclidean distance between the standardised row and its
/// projection back from the components. The reference gives the mean error μ and the per-row standard deviation s;
/// the current data drifts when its mean error leaves μ ± 3·s/√n_current (the sampling band of a mean of n_current
/// reference-like rows). Rows with a missing value in any column are dropped. Cost O((n_ref + n_cur)·d·k + d³).
/// </summary>
public static class PcaReconstructionDrift
{
    /// <summary>Share of variance the kept components must exceed.</summary>
    public const double VarianceKept = 0.65;

    /// <summary>Runs the detector on columns given as arrays (one array per column, same column order on both sides).</summary>
    public static MultivariateDriftResult Compute(IReadOnlyList<string> names, IReadOnlyList<double[]> reference, IReadOnlyList<double[]> current)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count != current.Count || names.Count != reference.Count) throw new ArgumentException("reference and current need the same columns", nameof(current));
        MultivariateDriftResult Undefined(string why) => new("pca", double.NaN, double.NaN, double.NaN, double.NaN, false, "", why);
        var r = CompleteRows(reference);
        var c = CompleteRows(current);
        if (r.Length < 2 || c.Length < 1) return Undefined("too few complete rows (a missing value in any column drops the row)");
        var d = reference.Count;
        var mean = new double[d];
        var sd = new double[d];
        var kept = new List<int>();
        for (var j = 0; j < d; j++)
        {
            double s = 0; foreach (var i in r) s += reference[j][i];
            mean[j] = s / r.Length;
            double ss = 0; foreach (var i in r) { var x = reference[j][i] - mean[j]; ss += x * x; }
            sd[j] = Math.Sqrt(ss / r.Length);
            if (sd[j] > 0) kept.Add(j);
        }
        if (kept.Count < 2) return Undefined("fewer than 2 non-constant numeric columns");
        var p = kept.Count;
        var cov = Matrix<double>.Build.Dense(p, p);
        var z = new double[p];
        foreach (var i in r)
        {
            for (var a = 0; a < p; a++) z[a] = (reference[kept[a]][i] - mean[kept[a]]) / sd[kept[a]];
            for (var a = 0; a < p; a++) for (var b = a; b < p; b++) cov[a, b] += z[a] * z[b];
        }
        for (var a = 0; a < p; a++) for (var b = a; b < p; b++) { cov[a, b] /= r.Length - 1; cov[b, a] = cov[a, b]; }
        var evd = cov.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, p).OrderByDescending(i => values[i]).ToArray();
        var total = values.Sum();
        int k = 0; double cum = 0;
        while (k < p && cum / total <= VarianceKept) { cum += values[order[k]]; k++; }
        var components = new double[k][];
        for (var q = 0; q < k; q++) components[q] = evd.EigenVectors.Column(order[q]).ToArray();

        double Error(IReadOnlyList<double[]> cols, int row)
        {
            Span<double> zz = stackalloc double[p];
            double norm = 0;
            for (var a = 0; a < p; a++) { zz[a] = (cols[kept[a]][row] - mean[kept[a]]) / sd[kept[a]]; norm += zz[a] * zz[a]; }
            double projected = 0;
            for (var q = 0; q < k; q++)
            {
                double dot = 0;
                for (var a = 0; a < p; a++) dot += zz[a] * components[q][a];
                projected += dot * dot;
            }
            return Math.Sqrt(Math.Max(0, norm - projected));
        }
        double refSum = 0, refSq = 0;
        foreach (var i in r) { var e = Error(reference, i); refSum += e; refSq += e * e; }
        var mu = refSum / r.Length;
        var s2 = Math.Sqrt(Math.Max(0, refSq / r.Length - mu * mu));
        double curSum = 0;
        foreach (var i in c) curSum += Error(current, i);
        var m = curSum / c.Length;
        var half = 3 * s2 / Math.Sqrt(c.Length);
        var details = string.Create(CultureInfo.InvariantCulture,
            $"{p} standardised numeric columns, {k} components (> {VarianceKept:P0} of variance), {r.Length} reference and {c.Length} current complete rows; band = reference mean ± 3·sd/√n_current");
        return new MultivariateDriftResult("pca", m, mu, mu - half, mu + half, m < mu - half || m > mu + half, details, null);
    }

    private static int[] CompleteRows(IReadOnlyList<double[]> columns)
    {
        var n = columns.Count == 0 ? 0 : columns[0].Length;
        var rows = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            var ok = true;
            for (var j = 0; j < columns.Count && ok; j++) ok = double.IsFinite(columns[j][i]);
            if (ok) rows.Add(i);
        }
        return [.. rows];
    }
}
