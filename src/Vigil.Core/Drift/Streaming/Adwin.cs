namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// ADWIN (ADaptive WINdowing; Bifet &amp; Gavaldà, "Learning from time-changing data with adaptive windowing",
/// SDM 2007), the bucket-compressed ADWIN2 variant as in River's <c>drift.ADWIN</c>.
/// </summary>
/// <remarks>
/// <para>Keeps a window W of recent values, compressed into exponential-histogram buckets (at most
/// <c>max_buckets</c> buckets of each size 2^i). Every <c>clock</c> updates (once more than <c>grace_period</c>
/// values are held) it tries every bucket boundary as a cut W = W0 · W1 and drops the oldest bucket while some cut
/// with both parts at least <c>min_window_length</c> long has
/// |μ̂(W0) − μ̂(W1)| &gt; ε = √(2 m σ²_W δ') + (2/3) δ' m, with m = 1/(n0 − mwl + 1) + 1/(n1 − mwl + 1),
/// δ' = ln(2 ln|W| / δ) and σ²_W the window's variance; a detection is reported when anything was dropped.</para>
/// <para>Input: any finite number (e.g. 0/1 errors, losses, scores). Detection indices match River's current
/// implementation (cuts tried from the oldest bucket to the newest, restarting after each dropped bucket).</para>
/// <para>Reset: the update after a detection starts from an empty window (River's behaviour).
/// Cost: O(1) amortised per update plus O(max_buckets · log |W|) every <c>clock</c> updates; memory
/// O(max_buckets · log |W|). No allocation per update (bucket rows grow by doubling, at most a few times ever).</para>
/// </remarks>
public sealed class Adwin : ChangeDetectorBase
{
    private readonly int slots; // max_buckets + 1 slots per bucket row
    private double[] totals;
    private double[] variances;
    private int[] counts;
    private int rows;
    private double total;
    private double variance;
    private double width;
    private long tick;
    private long detections;

    /// <summary>Creates the detector; the defaults are River's.</summary>
    /// <param name="delta">Significance value δ in (0, 1); smaller means fewer false alarms and later detections.</param>
    /// <param name="clock">Check for change every this many updates (1 = every update).</param>
    /// <param name="maxBuckets">Buckets of each size kept before two are merged.</param>
    /// <param name="minWindowLength">Minimum length of each sub-window for a cut to be tested.</param>
    /// <param name="gracePeriod">No change is tested until the window holds more than this many values.</param>
    public Adwin(double delta = 0.002, int clock = 32, int maxBuckets = 5, int minWindowLength = 5, int gracePeriod = 10)
    {
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1).");
        ArgumentOutOfRangeException.ThrowIfLessThan(clock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minWindowLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gracePeriod);
        Delta = delta;
        Clock = clock;
        MaxBuckets = maxBuckets;
        MinWindowLength = minWindowLength;
        GracePeriod = gracePeriod;
        slots = maxBuckets + 1;
        const int initialRows = 24;
        totals = new double[initialRows * slots];
        variances = new double[initialRows * slots];
        counts = new int[initialRows];
        rows = 1;
    }

    /// <inheritdoc />
    public override string Name => "adwin";

    /// <summary>Significance value δ.</summary>
    public double Delta { get; }

    /// <summary>Updates between change checks.</summary>
    public int Clock { get; }

    /// <summary>Buckets of each size kept before merging.</summary>
    public int MaxBuckets { get; }

    /// <summary>Minimum sub-window length for a cut.</summary>
    public int MinWindowLength { get; }

    /// <summary>Window length below which no change is tested.</summary>
    public int GracePeriod { get; }

    /// <summary>Number of values in the window (River's <c>width</c>).</summary>
    public long Width => (long)width;

    /// <summary>Sum of the values in the window (River's <c>total</c>).</summary>
    public double Total => total;

    /// <summary>Mean of the window, 0 when empty (River's <c>estimation</c>).</summary>
    public double Estimation => width == 0 ? 0.0 : total / width;

    /// <summary>Mean of the window; NaN when the window is empty.</summary>
    public double Mean => width == 0 ? double.NaN : total / width;

    /// <summary>Sum of squared deviations from the window mean; this is what River's <c>variance</c> property returns.</summary>
    public double SumOfSquaredDeviations => variance;

    /// <summary>Population variance of the window, Σ(x − μ̂)² / |W|; NaN when the window is empty.</summary>
    public double Variance => width == 0 ? double.NaN : variance / width;

    /// <summary>Detections since the last reset, automatic or explicit (River's <c>n_detections</c>; so at most 1).</summary>
    public long Detections => detections;

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        Insert(x);
        Drift = DetectChange();
    }

    private void Insert(double value)
    {
        counts[0]++;
        var i0 = counts[0] - 1;
        totals[i0] = value;
        variances[i0] = 0.0;
        width += 1;
        if (width > 1.0)
        {
            var d = value - total / (width - 1.0);
            variance += (width - 1.0) * d * d / width;
        }
        total += value;
        Compress();
    }

    private void Compress()
    {
        var max = MaxBuckets;
        for (var row = 0; row < rows; row++)
        {
            if (counts[row] != max + 1) break;
            if (row + 1 == rows) AddRow();
            var size = (double)(1L << row);
            var b = row * slots;
            var t0 = totals[b];
            var t1 = totals[b + 1];
            var mu1 = t0 / size;
            var mu2 = t1 / size;
            var merged = variances[b] + variances[b + 1] + size * size * (mu1 - mu2) * (mu1 - mu2) / (size + size);
            var next = (row + 1) * slots + counts[row + 1];
            totals[next] = t0 + t1;
            variances[next] = merged;
            counts[row + 1]++;
            RemoveOldest(row, 2);
            if (counts[row + 1] <= max) break;
        }
    }

    private void RemoveOldest(int row, int k)
    {
        var b = row * slots;
        var n = counts[row];
        for (var i = k; i < n; i++)
        {
            totals[b + i - k] = totals[b + i];
            variances[b + i - k] = variances[b + i];
        }
        for (var i = n - k; i < n; i++)
        {
            totals[b + i] = 0.0;
            variances[b + i] = 0.0;
        }
        counts[row] = n - k;
    }

    private void AddRow()
    {
        if (rows == counts.Length)
        {
            Array.Resize(ref counts, rows * 2);
            Array.Resize(ref totals, rows * 2 * slots);
            Array.Resize(ref variances, rows * 2 * slots);
        }
        counts[rows] = 0;
        rows++;
    }

    private double DeleteOldestBucket()
    {
        var row = rows - 1;
        var n = (double)(1L << row);
        var b = row * slots;
        var u = totals[b];
        var mu = u / n;
        var v = variances[b];
        width -= n;
        total -= u;
        var muWindow = total / width;
        variance -= v + n * width * (mu - muWindow) * (mu - muWindow) / (n + width);
        RemoveOldest(row, 1);
        if (counts[row] == 0) rows--;
        return n;
    }

    private bool DetectChange()
    {
        var changed = false;
        tick++;
        if (tick % Clock != 0 || !(width > GracePeriod)) return false;
        double mwl = MinWindowLength;
        var reduce = true;
        while (reduce)
        {
            reduce = false;
            var n0 = 0.0;
            var n1 = width;
            var u0 = 0.0;
            var u1 = total;
            // δ' and the window variance depend on |W| only, which changes only when a bucket is dropped (then we restart).
            var deltaPrime = Math.Log(2 * Math.Log(width) / Delta);
            var windowVariance = variance / width;
            var exit = false;
            for (var row = rows - 1; row >= 0 && !exit; row--)
            {
                var size = (double)(1L << row);
                var b = row * slots;
                var bucketsInRow = counts[row];
                for (var k = 0; k < bucketsInRow; k++)
                {
                    var t = totals[b + k];
                    n0 += size;
                    n1 -= size;
                    u0 += t;
                    u1 -= t;
                    if (row == 0 && k == bucketsInRow - 1)
                    {
                        exit = true; // the cut after the newest bucket leaves W1 empty
                        break;
                    }
                    var deltaMean = u0 / n0 - u1 / n1;
                    if (n1 >= mwl && n0 >= mwl && CutHolds(n0, n1, deltaMean, deltaPrime, windowVariance))
                    {
                        reduce = true;
                        changed = true;
                        if (width > 0)
                        {
                            DeleteOldestBucket();
                            exit = true;
                            break;
                        }
                    }
                }
            }
        }
        if (changed) detections++;
        return changed;
    }

    private bool CutHolds(double n0, double n1, double deltaMean, double deltaPrime, double windowVariance)
    {
        var mRecip = 1.0 / (n0 - MinWindowLength + 1) + 1.0 / (n1 - MinWindowLength + 1);
        var epsilon = Math.Sqrt(2 * mRecip * windowVariance * deltaPrime) + 2.0 / 3.0 * deltaPrime * mRecip;
        return Math.Abs(deltaMean) > epsilon;
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        Array.Clear(counts);
        Array.Clear(totals);
        Array.Clear(variances);
        rows = 1;
        total = 0;
        variance = 0;
        width = 0;
        tick = 0;
        detections = 0;
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["delta"] = Format(Delta),
        ["clock"] = Format(Clock),
        ["max_buckets"] = Format(MaxBuckets),
        ["min_window_length"] = Format(MinWindowLength),
        ["grace_period"] = Format(GracePeriod),
    };

    internal override void WriteState(StateWriter writer)
    {
        var c = new double[rows];
        for (var i = 0; i < rows; i++) c[i] = counts[i];
        writer.Add("total", total).Add("variance", variance).Add("width", width).Add("tick", tick).Add("detections", detections)
            .Add("bucket_counts", c)
            .Add("bucket_totals", totals.AsSpan(0, rows * slots))
            .Add("bucket_variances", variances.AsSpan(0, rows * slots));
    }

    internal override void ReadState(StateReader reader)
    {
        var c = reader.Array("bucket_counts");
        if (c.Length < 1) throw new ArgumentException("The adwin state has no bucket rows.", "state");
        var t = reader.Array("bucket_totals", c.Length * slots);
        var v = reader.Array("bucket_variances", c.Length * slots);
        for (var i = 0; i < c.Length; i++)
            if (c[i] < 0 || c[i] > MaxBuckets || c[i] != Math.Floor(c[i]))
                throw new ArgumentException("The adwin state's bucket counts are invalid.", "state");
        var capacity = Math.Max(24, c.Length * 2);
        counts = new int[capacity];
        totals = new double[capacity * slots];
        variances = new double[capacity * slots];
        for (var i = 0; i < c.Length; i++) counts[i] = (int)c[i];
        t.CopyTo(totals, 0);
        v.CopyTo(variances, 0);
        rows = c.Length;
        total = reader.Double("total");
        variance = reader.Double("variance");
        width = reader.Double("width");
        tick = reader.Long("tick");
        detections = reader.Long("detections");
    }
}
