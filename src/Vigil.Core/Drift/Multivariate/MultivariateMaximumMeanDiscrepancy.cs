using System.Numerics.Tensors;

namespace Vigil.Core.Drift.Multivariate;

/// <summary>The outcome of <see cref="MultivariateMaximumMeanDiscrepancy.Compute"/>.</summary>
/// <param name="Statistic">Biased MMD² of the sampled rows; NaN when undefined.</param>
/// <param name="PValue">Permutation p-value; NaN when undefined.</param>
/// <param name="Threshold">Drift when p &lt; this.</param>
/// <param name="Drift">The decision (never true when undefined).</param>
/// <param name="Bandwidth">The kernel bandwidth σ (median heuristic on the standardised rows).</param>
/// <param name="Permutations">Label permutations B.</param>
/// <param name="Seed">Seed of the row sampling and the permutations.</param>
/// <param name="ReferenceRows">Reference rows used (complete rows, after sampling).</param>
/// <param name="CurrentRows">Current rows used.</param>
/// <param name="Columns">Standardised numeric columns used (constant reference columns dropped).</param>
/// <param name="Reason">Why the statistic is undefined, or null.</param>
public sealed record MaximumMeanDiscrepancyResult(
    double Statistic,
    double PValue,
    double Threshold,
    bool Drift,
    double Bandwidth,
    int Permutations,
    int Seed,
    int ReferenceRows,
    int CurrentRows,
    IReadOnlyList<string> Columns,
    string? Reason);

/// <summary>
/// Multivariate maximum mean discrepancy (method id <c>mmd</c> of <c>--multivariate</c>), the many-column version of
/// <see cref="MaximumMeanDiscrepancy"/>. Steps:
/// <list type="number">
/// <item>numeric columns are standardised with the reference mean and standard deviation (ddof 0); constant reference
/// columns are dropped; rows with a missing value in any kept column are dropped;</item>
/// <item>each side above <c>maxRowsPerSide</c> (default 5,000) complete rows is sampled down without replacement
/// (seeded shuffle);</item>
/// <item>Gaussian kernel k(x, y) = exp(−‖x − y‖² / (2σ²)) with σ the median Euclidean distance between pooled rows
/// (median heuristic, Gretton et al. 2012 §8; computed on at most 1,000 pooled rows, spread evenly over the seeded
/// pooled order; the median of the positive distances when over half are ties);</item>
/// <item>statistic: the biased MMD² = mean k(ref, ref) + mean k(cur, cur) − 2·mean k(ref, cur) (Gretton et al. 2012,
/// JMLR 13, eq. 5);</item>
/// <item>p = (1 + #{permutations with MMD² ≥ observed}) / (1 + B) over B seeded label permutations (default 200);
/// drift when p &lt; threshold (default 0.05).</item>
/// </list>
/// Only the quadratic form aᵀKa of each labelling's reference indicator a is needed (the other block sums follow from
/// the kernel's row sums), so every kernel row is computed once (float precision) and dotted with all B + 1
/// indicator vectors; the kernel matrix is never stored. Partial sums are kept per fixed block of rows and added in
/// block order, so the result does not depend on the number of cores. Cost O(M²·(d + B/2)) time with M the pooled
/// sample size, O(M·B) memory (8 MB at M = 10,000, B = 200).
/// </summary>
public static class MultivariateMaximumMeanDiscrepancy
{
    /// <summary>Default rows per side.</summary>
    public const int DefaultMaxRowsPerSide = 5_000;

    /// <summary>Default number of permutations.</summary>
    public const int DefaultPermutations = 200;

    private const int BandwidthRows = 1_000;
    private const int BlockRows = 128;

    /// <summary>
    /// Runs the test on columns given as arrays (one per column, the same column order on both sides; NaN = missing).
    /// Throws <see cref="ArgumentException"/> for mismatched inputs, fewer than 1 permutation, fewer than 2 rows per
    /// side allowed, or a threshold outside (0, 1].
    /// </summary>
    public static MaximumMeanDiscrepancyResult Compute(IReadOnlyList<string> names, IReadOnlyList<double[]> reference, IReadOnlyList<double[]> current,
        int seed = 0, int permutations = DefaultPermutations, int maxRowsPerSide = DefaultMaxRowsPerSide, double threshold = 0.05, int maxDegreeOfParallelism = 2)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        if (reference.Count != current.Count || names.Count != reference.Count) throw new ArgumentException("reference and current need the same columns", nameof(current));
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerSide, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        if (!(threshold > 0 && threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must lie in (0, 1]");
        MaximumMeanDiscrepancyResult Undefined(string why, IReadOnlyList<string> cols, int nr, int nc) =>
            new(double.NaN, double.NaN, threshold, false, double.NaN, permutations, seed, nr, nc, cols, why);

        var r = CompleteRows(reference);
        var c = CompleteRows(current);
        var d0 = reference.Count;
        var mean = new double[d0];
        var sd = new double[d0];
        var kept = new List<int>();
        for (var j = 0; j < d0 && r.Length > 0; j++)
        {
            double s = 0; foreach (var i in r) s += reference[j][i];
            mean[j] = s / r.Length;
            double ss = 0; foreach (var i in r) { var x = reference[j][i] - mean[j]; ss += x * x; }
            sd[j] = Math.Sqrt(ss / r.Length);
            if (sd[j] > 0) kept.Add(j);
        }
        var used = kept.Select(j => names[j]).ToArray();
        if (kept.Count == 0) return Undefined("no non-constant numeric column", used, r.Length, c.Length);
        if (r.Length < 2 || c.Length < 2) return Undefined("each side needs at least 2 complete rows (a missing value in any column drops the row)", used, r.Length, c.Length);

        var random = new Random(seed);
        var rs = Sample(r, maxRowsPerSide, random);
        var cs = Sample(c, maxRowsPerSide, random);
        int nx = rs.Length, ny = cs.Length, m = nx + ny, d = kept.Count;
        // standardised pooled rows, row-major: reference rows first
        var z = new double[(long)m * d];
        for (var i = 0; i < m; i++)
        {
            var cols = i < nx ? reference : current;
            var row = i < nx ? rs[i] : cs[i - nx];
            for (var a = 0; a < d; a++) z[(long)i * d + a] = (cols[kept[a]][row] - mean[kept[a]]) / sd[kept[a]];
        }
        var sigma = MedianDistance(z, m, d, random);
        if (!(sigma > 0)) return new MaximumMeanDiscrepancyResult(0, 1, threshold, false, 0, permutations, seed, nx, ny, used, null);
        var gamma = (float)(1 / (2 * sigma * sigma));

        // indicator vectors: labelling 0 is the observed one, 1..B are seeded permutations
        var labellings = permutations + 1;
        var masks = new float[labellings][];
        var order = new int[m];
        for (var i = 0; i < m; i++) order[i] = i;
        for (var b = 0; b < labellings; b++)
        {
            var mask = new float[m];
            if (b > 0) random.Shuffle(order);
            for (var i = 0; i < nx; i++) mask[order[i]] = 1;
            masks[b] = mask;
        }

        // per block of rows: quadratic forms aᵀKa (restricted to the block's rows) and the block's kernel row sums
        var blocks = (m + BlockRows - 1) / BlockRows;
        var quadratic = new double[blocks][];
        var rowSums = new double[m];
        // feature-major float copy so each kernel row is d vectorised passes over the pooled rows
        var columns = new float[d][];
        for (var a = 0; a < d; a++)
        {
            var col = new float[m];
            for (var i = 0; i < m; i++) col[i] = (float)z[(long)i * d + a];
            columns[a] = col;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, () => (new float[m], new float[m]), (block, _, scratch) =>
        {
            var (kernelRow, difference) = scratch;
            var q = new double[labellings];
            var end = Math.Min(m, (block + 1) * BlockRows);
            for (var i = block * BlockRows; i < end; i++)
            {
                kernelRow.AsSpan().Clear();
                for (var a = 0; a < d; a++)
                {
                    TensorPrimitives.Subtract(columns[a], columns[a][i], difference);
                    TensorPrimitives.MultiplyAdd(difference, difference, kernelRow, kernelRow);
                }
                TensorPrimitives.Multiply(kernelRow, -gamma, kernelRow);
                TensorPrimitives.Exp(kernelRow, kernelRow);
                rowSums[i] = TensorPrimitives.Sum<float>(kernelRow);
                for (var b = 0; b < labellings; b++)
                    if (masks[b][i] != 0) q[b] += TensorPrimitives.Dot<float>(kernelRow, masks[b]);
            }
            quadratic[block] = q;
            return scratch;
        }, _ => { });

        double total = 0;
        foreach (var s in rowSums) total += s;
        var stats = new double[labellings];
        for (var b = 0; b < labellings; b++)
        {
            double xx = 0;
            for (var k = 0; k < blocks; k++) xx += quadratic[k][b];
            double ar = 0;
            var mask = masks[b];
            for (var i = 0; i < m; i++) if (mask[i] != 0) ar += rowSums[i];
            var xy = ar - xx;
            var yy = total - 2 * ar + xx;
            stats[b] = xx / ((double)nx * nx) + yy / ((double)ny * ny) - 2 * xy / ((double)nx * ny);
        }
        var observed = stats[0];
        var exceed = 0;
        for (var b = 1; b < labellings; b++) if (stats[b] >= observed - 1e-12) exceed++;
        var p = (1.0 + exceed) / (1.0 + permutations);
        return new MaximumMeanDiscrepancyResult(observed, p, threshold, p < threshold, sigma, permutations, seed, nx, ny, used, null);
    }

    private static int[] Sample(int[] rows, int max, Random random)
    {
        if (rows.Length <= max) return rows;
        var copy = (int[])rows.Clone();
        random.Shuffle(copy);
        var kept = copy[..max];
        Array.Sort(kept);
        return kept;
    }

    private static double MedianDistance(double[] z, int m, int d, Random random)
    {
        var order = new int[m];
        for (var i = 0; i < m; i++) order[i] = i;
        random.Shuffle(order);
        var k = Math.Min(m, BandwidthRows);
        var distances = new double[k * (k - 1) / 2];
        var q = 0;
        for (var i = 0; i < k; i++)
            for (var j = i + 1; j < k; j++)
            {
                double s = 0;
                long oi = (long)order[i] * d, oj = (long)order[j] * d;
                for (var a = 0; a < d; a++) { var t = z[oi + a] - z[oj + a]; s += t * t; }
                distances[q++] = Math.Sqrt(s);
            }
        Array.Sort(distances);
        var median = Median(distances, 0);
        if (median > 0) return median;
        var first = Array.FindIndex(distances, x => x > 0);
        return first < 0 ? 0 : Median(distances, first);
    }

    private static double Median(double[] sorted, int start)
    {
        var n = sorted.Length - start;
        if (n <= 0) return 0;
        return n % 2 == 1 ? sorted[start + n / 2] : 0.5 * (sorted[start + n / 2 - 1] + sorted[start + n / 2]);
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
