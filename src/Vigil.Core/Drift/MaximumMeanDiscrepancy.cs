namespace Vigil.Core.Drift;

/// <summary>
/// Maximum mean discrepancy with a Gaussian (RBF) kernel and a permutation p-value (id <c>mmd</c>).
/// k(x, y) = exp(−(x − y)²/(2σ²)) with σ the median pairwise distance of the pooled sample (median heuristic;
/// the median of the positive distances when over half are ties). Statistic: the biased estimate
/// MMD² = mean k(ref, ref) + mean k(cur, cur) − 2·mean k(ref, cur) (Gretton et al. 2012, JMLR 13, eq. 5).
/// p = (1 + #{permutations with MMD² ≥ observed}) / (1 + B), labels shuffled by a generator seeded with
/// <see cref="Seed"/>. Large samples are thinned to at most <see cref="MaxSamplePerSide"/> evenly spaced order
/// statistics per side (deterministic, keeps each distribution's shape). Cost O(B·M²) with M the pooled thinned size.
/// </summary>
public sealed class MaximumMeanDiscrepancy : INumericDriftMethod
{
    /// <summary>Creates the method.</summary>
    /// <param name="permutations">Number of label permutations B (≥ 1).</param>
    /// <param name="seed">Seed of the permutation generator.</param>
    /// <param name="maxSamplePerSide">Thin each sample to at most this many values (≥ 2).</param>
    public MaximumMeanDiscrepancy(int permutations = 200, int seed = 0, int maxSamplePerSide = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSamplePerSide, 2);
        Permutations = permutations;
        Seed = seed;
        MaxSamplePerSide = maxSamplePerSide;
    }

    /// <summary>Number of permutations B.</summary>
    public int Permutations { get; }
    /// <summary>Seed of the permutation generator.</summary>
    public int Seed { get; }
    /// <summary>Largest number of values used per sample.</summary>
    public int MaxSamplePerSide { get; }

    /// <inheritdoc/>
    public string Id => "mmd";
    /// <inheritdoc/>
    public DriftScoreKind ScoreKind => DriftScoreKind.PValue;
    /// <inheritdoc/>
    public double? DefaultThreshold => 0.05;
    /// <inheritdoc/>
    public DriftDataKinds SupportedData => DriftDataKinds.Numeric;

    /// <inheritdoc/>
    public DriftStatistic Compute(ReadOnlySpan<double> referenceSorted, ReadOnlySpan<double> currentSorted)
    {
        if (referenceSorted.Length < 2 || currentSorted.Length < 2) return DriftStatistic.Undefined(ScoreKind, "MMD needs at least 2 values in each sample");
        var x = Thin(referenceSorted, MaxSamplePerSide);
        var y = Thin(currentSorted, MaxSamplePerSide);
        int nx = x.Length, total = nx + y.Length;
        var z = new double[total];
        x.CopyTo(z, 0);
        y.CopyTo(z, nx);
        var distances = new double[total * (total - 1) / 2];
        var q = 0;
        for (var i = 0; i < total; i++) for (var j = i + 1; j < total; j++) distances[q++] = Math.Abs(z[i] - z[j]);
        Array.Sort(distances);
        var sigma = MedianFrom(distances, 0);
        if (sigma == 0)
        {
            var firstPositive = Array.FindIndex(distances, d => d > 0);
            if (firstPositive < 0) return new DriftStatistic(0, 1) { PValueMethod = "all values equal" };
            sigma = MedianFrom(distances, firstPositive);
        }
        var gamma = 1 / (2 * sigma * sigma);
        var kernel = new double[total * total];
        for (var i = 0; i < total; i++)
        {
            kernel[i * total + i] = 1;
            for (var j = i + 1; j < total; j++)
            {
                var d = z[i] - z[j];
                kernel[i * total + j] = kernel[j * total + i] = Math.Exp(-gamma * d * d);
            }
        }
        var labels = new bool[total];
        for (var i = 0; i < nx; i++) labels[i] = true;
        var observed = Statistic(kernel, labels, nx, total);
        var random = new Random(Seed);
        var exceed = 0;
        for (var b = 0; b < Permutations; b++)
        {
            random.Shuffle(labels);
            if (Statistic(kernel, labels, nx, total) >= observed - 1e-12) exceed++;
        }
        return new DriftStatistic(observed, (1.0 + exceed) / (1.0 + Permutations)) { PValueMethod = $"permutation ({Permutations}, seed {Seed})" };
    }

    private static double MedianFrom(double[] sorted, int start)
    {
        var n = sorted.Length - start;
        return n % 2 == 1 ? sorted[start + n / 2] : 0.5 * (sorted[start + n / 2 - 1] + sorted[start + n / 2]);
    }

    private static double[] Thin(ReadOnlySpan<double> sorted, int max)
    {
        if (sorted.Length <= max) return sorted.ToArray();
        var result = new double[max];
        for (var i = 0; i < max; i++) result[i] = sorted[(int)((long)i * (sorted.Length - 1) / (max - 1))];
        return result;
    }

    private static double Statistic(double[] kernel, bool[] labels, int nx, int total)
    {
        double sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < total; i++)
        {
            var row = i * total;
            var li = labels[i];
            for (var j = 0; j < total; j++)
            {
                var k = kernel[row + j];
                if (li == labels[j]) { if (li) sxx += k; else syy += k; }
                else sxy += k;
            }
        }
        double ny = total - nx;
        return sxx / ((double)nx * nx) + syy / (ny * ny) - sxy / (nx * ny);
    }
}
