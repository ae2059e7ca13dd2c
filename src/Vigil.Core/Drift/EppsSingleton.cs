using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Vigil.Core.Drift;

/// <summary>
/// Epps–Singleton two-sample test on the empirical characteristic function (id <c>epps_singleton</c>), scipy 1.10
/// <c>epps_singleton_2samp</c> with the default t = (0.4, 0.8) scaled by the pooled semi-interquartile range
/// (numpy linear percentiles). W = N·ḡᵀ Σ⁺ ḡ with ḡ the difference of the mean (cos tx, sin tx) vectors and
/// Σ = (N/n_ref)·Cov_ref + (N/n_cur)·Cov_cur (biased covariances, pseudo-inverse); small-sample correction when
/// max(n) &lt; 25; p = χ²_r survival with r = rank of Σ⁺. Needs ≥ 5 values per sample and a non-zero IQR.
/// Reference: Epps &amp; Singleton (1986), J. Stat. Comput. Simul. 26. Cost O(N) (four cos/sin per value).
/// </summary>
public sealed class EppsSingleton : INumericDriftMethod
{
    /// <inheritdoc/>
    public string Id => "epps_singleton";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric;

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        int nx = referenceSorted.Length, ny = currentSorted.Length;
        if (nx < 5 || ny < 5) return DriftStatistic.Undefined(ScoreKind, "Epps–Singleton needs at least 5 values in each sample");
        var sigma = (SortedSamples.PooledQuantileR7(referenceSorted, currentSorted, 0.75) - SortedSamples.PooledQuantileR7(referenceSorted, currentSorted, 0.25)) / 2;
        if (!(sigma > 0)) return DriftStatistic.Undefined(ScoreKind, "pooled interquartile range is 0");
        double t1 = 0.4 / sigma, t2 = 0.8 / sigma;
        Span<double> meanX = stackalloc double[4], meanY = stackalloc double[4];
        var covX = Moments(referenceSorted, t1, t2, meanX);
        var covY = Moments(currentSorted, t1, t2, meanY);
        double n = nx + ny;
        var cov = Matrix<double>.Build.Dense(4, 4);
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++)
                cov[r, c] = n / nx * covX[r, c] + n / ny * covY[r, c];
        // numpy pinv: drop singular values ≤ 1e-15·max; numpy matrix_rank on the pinv: 1/s > max(1/s)·4·eps
        var svd = cov.Svd(true);
        var s = svd.S;
        var smax = s.Maximum();
        var inv = Matrix<double>.Build.Dense(4, 4);
        var kept = new List<double>();
        for (var q = 0; q < 4; q++)
        {
            if (s[q] <= 1e-15 * smax) continue;
            kept.Add(1 / s[q]);
            inv += (1 / s[q]) * svd.U.Column(q).OuterProduct(svd.VT.Row(q));
        }
        var maxInv = kept.Count == 0 ? 0 : kept.Max();
        var rank = 0;
        foreach (var x in kept) if (x > maxInv * 4 * 2.220446049250313e-16) rank++;
        var diff = Vector<double>.Build.Dense(4);
        for (var q = 0; q < 4; q++) diff[q] = meanX[q] - meanY[q];
        var w = n * diff.DotProduct(inv * diff);
        if (Math.Max(nx, ny) < 25)
            w *= 1.0 / (1.0 + Math.Pow(n, -0.45) + 10.1 * (Math.Pow(nx, -1.7) + Math.Pow(ny, -1.7)));
        if (rank == 0) return DriftStatistic.Undefined(ScoreKind, "covariance of the characteristic function is 0");
        var p = SpecialFunctions.GammaUpperRegularized(rank / 2.0, w / 2);
        return new DriftStatistic(w, Math.Clamp(p, 0, 1)) { PValueMethod = $"chi-squared, {rank} df" };
    }

    private static Matrix<double> Moments(ReadOnlySpan<double> x, double t1, double t2, Span<double> mean)
    {
        Span<double> g = stackalloc double[4];
        Span<double> sum = stackalloc double[4];
        var outer = new double[16];
        for (var i = 0; i < x.Length; i++)
        {
            g[0] = Math.Cos(t1 * x[i]); g[1] = Math.Cos(t2 * x[i]); g[2] = Math.Sin(t1 * x[i]); g[3] = Math.Sin(t2 * x[i]);
            for (var r = 0; r < 4; r++) { sum[r] += g[r]; for (var c = 0; c < 4; c++) outer[r * 4 + c] += g[r] * g[c]; }
        }
        for (var r = 0; r < 4; r++) mean[r] = sum[r] / x.Length;
        var cov = Matrix<double>.Build.Dense(4, 4);
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++)
                cov[r, c] = outer[r * 4 + c] / x.Length - mean[r] * mean[c];
        return cov;
    }
}
