namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// KSWIN, Kolmogorov–Smirnov windowing (Raab, Heusinger &amp; Schleif, "Reactive soft prototype computing for concept
/// drift streams", Neurocomputing 416, 2020), as in River's <c>drift.KSWIN</c>.
/// </summary>
/// <remarks>
/// <para>Keeps the last <c>window_size</c> values. Once the window is full, every update compares the newest
/// <c>stat_size</c> values R with <c>stat_size</c> values W drawn without replacement from the older
/// <c>window_size − stat_size</c> ones, using the two-sample Kolmogorov–Smirnov test: a drift is detected when the
/// p-value ≤ <c>alpha</c> and the statistic D = sup|F_R − F_W| &gt; 0.1 (River's rule).</para>
/// <para>The p-value is scipy's <c>ks_2samp(method="auto")</c> for two samples of equal size n: the exact two-sided
/// distribution (scipy's <c>_compute_prob_outside_square</c>), precomputed for every attainable D = h/n; where that
/// computation leaves [0, 1] through rounding (p ≈ 1 at h = 1) it is clipped, matching scipy's fallback.</para>
/// <para>Sampling: with a <c>seed</c> the draws are those of Python's <c>random.Random(seed).sample</c>, so the
/// detection indices equal River's for the same seed; without one a seed is chosen at random. A custom
/// <see cref="IKswinSampler"/> can supply the indices (e.g. in tests).</para>
/// <para>Reset: the update after a detection starts with an empty window and a re-seeded sampler (River's behaviour).
/// Cost per update once the window is full: O(window_size) — the window is kept sorted
/// incrementally (one removal, one insertion) and one pass over it yields both empirical CDFs — plus the sampling;
/// no allocation.</para>
/// </remarks>
public sealed class Kswin : ChangeDetectorBase
{
    private readonly double[] window;
    private readonly double[] sortedValues;
    private readonly long[] sortedSequence; // arrival number of each sorted value; age = sequence − firstSequence
    private readonly bool[] selected;
    private readonly int[] indices;
    private readonly double[] pValueByH;
    private readonly IKswinSampler sampler;
    private readonly bool customSampler;
    private int start;
    private int count;
    private long firstSequence;
    private long updates;

    /// <summary>Creates the detector; the defaults are River's.</summary>
    /// <param name="alpha">Significance level of the KS test, in (0, 1); River advises below 0.01.</param>
    /// <param name="windowSize">Length of the sliding window.</param>
    /// <param name="statSize">Size of the recent sample and of the drawn older sample (less than <paramref name="windowSize"/>, at most half of it).</param>
    /// <param name="seed">Seed of the Python-compatible sampler; null picks one at random.</param>
    public Kswin(double alpha = 0.005, int windowSize = 100, int statSize = 30, long? seed = null)
        : this(alpha, windowSize, statSize, seed, null)
    {
    }

    /// <summary>Creates the detector with a custom source of sample indices (for tests and reproductions).</summary>
    public Kswin(IKswinSampler sampler, double alpha = 0.005, int windowSize = 100, int statSize = 30)
        : this(alpha, windowSize, statSize, null, sampler ?? throw new ArgumentNullException(nameof(sampler)))
    {
    }

    private Kswin(double alpha, int windowSize, int statSize, long? seed, IKswinSampler? sampler)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(statSize, 1);
        if (windowSize < 2 * statSize)
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize,
                $"window_size must be at least 2 × stat_size ({2 * statSize}) so that stat_size older values can be drawn.");
        Alpha = alpha;
        WindowSize = windowSize;
        StatSize = statSize;
        Seed = sampler is null ? seed ?? Random.Shared.NextInt64(0, int.MaxValue) : null;
        this.sampler = sampler ?? new PythonRandomSampler(Seed!.Value);
        customSampler = sampler is not null;
        window = new double[windowSize];
        sortedValues = new double[windowSize];
        sortedSequence = new long[windowSize];
        selected = new bool[windowSize - statSize];
        indices = new int[statSize];
        pValueByH = KolmogorovSmirnovEqualSizes.PValueTable(statSize);
    }

    /// <inheritdoc />
    public override string Name => "kswin";

    /// <summary>Significance level of the KS test.</summary>
    public double Alpha { get; }

    /// <summary>Length of the sliding window.</summary>
    public int WindowSize { get; }

    /// <summary>Size of each compared sample.</summary>
    public int StatSize { get; }

    /// <summary>The seed of the built-in sampler; null when a custom sampler is used.</summary>
    public long? Seed { get; }

    /// <summary>The p-value of the last test; NaN before the window is full.</summary>
    public double PValue { get; private set; } = double.NaN;

    /// <summary>The KS statistic D of the last test; NaN before the window is full.</summary>
    public double Statistic { get; private set; } = double.NaN;

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        updates++;
        if (count == WindowSize)
        {
            RemoveSorted(window[start], firstSequence); // count becomes WindowSize − 1
            window[start] = x;
            start = start + 1 == WindowSize ? 0 : start + 1;
            firstSequence++;
            count++;
        }
        else
        {
            window[Wrap(start + count)] = x;
            count++;
        }
        InsertSorted(x, firstSequence + count - 1);
        if (count < WindowSize) return;

        // One pass over the window in value order counts both samples' empirical CDFs: the recent values are the
        // last stat_size by age, the older sample is marked by age. Ties advance both counts before comparing.
        var olderSize = WindowSize - StatSize;
        sampler.Sample(olderSize, indices);
        for (var i = 0; i < StatSize; i++)
        {
            var r = indices[i];
            if ((uint)r >= (uint)olderSize || selected[r])
                throw new InvalidOperationException($"The KSWIN sampler returned index {r}, outside [0, {olderSize}) or repeated.");
            selected[r] = true;
        }
        int countOlder = 0, countRecent = 0, h = 0;
        for (var k = 0; k < WindowSize; k++)
        {
            var age = sortedSequence[k] - firstSequence;
            if (age >= olderSize) countRecent++;
            else if (selected[age]) countOlder++;
            if (k + 1 < WindowSize && sortedValues[k + 1] == sortedValues[k]) continue;
            var d = Math.Abs(countOlder - countRecent);
            if (d > h) h = d;
        }
        for (var i = 0; i < StatSize; i++) selected[indices[i]] = false;
        var statistic = (double)h / StatSize;
        var p = pValueByH[h];
        Statistic = statistic;
        PValue = p;
        Drift = p <= Alpha && statistic > 0.1;
    }

    private void RemoveSorted(double value, long sequence)
    {
        var k = LowerBound(value);
        while (sortedSequence[k] != sequence) k++;
        var n = count - k - 1;
        Array.Copy(sortedValues, k + 1, sortedValues, k, n);
        Array.Copy(sortedSequence, k + 1, sortedSequence, k, n);
        count--;
    }

    private void InsertSorted(double value, long sequence)
    {
        // count already includes the new value; the sorted arrays hold count − 1 entries.
        var filled = count - 1;
        int lo = 0, hi = filled;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sortedValues[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        Array.Copy(sortedValues, lo, sortedValues, lo + 1, filled - lo);
        Array.Copy(sortedSequence, lo, sortedSequence, lo + 1, filled - lo);
        sortedValues[lo] = value;
        sortedSequence[lo] = sequence;
    }

    private int LowerBound(double value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sortedValues[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private int Wrap(int i) => i >= WindowSize ? i - WindowSize : i;

    /// <inheritdoc />
    protected override void ResetCore()
    {
        start = 0;
        count = 0;
        firstSequence = 0;
        updates = 0;
        PValue = double.NaN;
        Statistic = double.NaN;
        sampler.Reset();
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters()
    {
        var d = new Dictionary<string, string>
        {
            ["alpha"] = Format(Alpha),
            ["window_size"] = Format(WindowSize),
            ["stat_size"] = Format(StatSize),
        };
        d["seed"] = customSampler ? "custom" : Format(Seed!.Value);
        return d;
    }

    internal override void WriteState(StateWriter writer)
    {
        var ordered = new double[count];
        for (var i = 0; i < count; i++) ordered[i] = window[Wrap(start + i)];
        writer.Add("window", ordered).Add("updates", updates).Add("p_value", PValue).Add("statistic", Statistic)
            .Add("sampler", sampler.SaveState());
    }

    internal override void ReadState(StateReader reader)
    {
        var w = reader.Array("window");
        if (w.Length > WindowSize) throw new ArgumentException($"The kswin state holds {w.Length} values, more than window_size {WindowSize}.", "state");
        sampler.LoadState(reader.Array("sampler"));
        Array.Clear(window);
        w.CopyTo(window, 0);
        start = 0;
        count = 0;
        firstSequence = 0;
        for (var i = 0; i < w.Length; i++)
        {
            count++;
            InsertSorted(w[i], i);
        }
        updates = reader.Long("updates");
        PValue = reader.Double("p_value");
        Statistic = reader.Double("statistic");
    }
}
