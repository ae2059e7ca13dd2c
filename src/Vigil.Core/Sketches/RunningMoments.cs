using System.Text.Json;

namespace Vigil.Core.Sketches;

/// <summary>
/// Exact running count, missing count, minimum, maximum, mean and variance of a numeric column, mergeable.
/// Updates use Welford's recurrence (Welford 1962, Technometrics 4(3)); <see cref="Merge"/> uses the pairwise
/// combination of Chan, Golub &amp; LeVeque (1979/1983), "Updating formulae and a pairwise algorithm for computing
/// sample variances": with δ = mean_b − mean_a and n = n_a + n_b, mean = mean_a + δ·n_b/n and
/// M₂ = M₂_a + M₂_b + δ²·n_a·n_b/n. Counts, minimum and maximum are exact; mean and variance agree with a
/// single pass over the concatenated data up to floating-point rounding (about 1e-12 relative in practice).
/// NaN counts as missing (<see cref="Nulls"/>); infinities are ordinary values (they make the mean ±∞ or NaN).
/// Statistics of an empty accumulator are NaN. Cost: O(1) per update and per merge, no allocation; 48 bytes of state.
/// </summary>
public sealed class RunningMoments
{
    /// <summary>The serialization format version.</summary>
    public const int FormatVersion = 1;

    private long count;
    private long nulls;
    private double mean;
    private double m2;
    private double min = double.PositiveInfinity;
    private double max = double.NegativeInfinity;

    /// <summary>Number of non-missing values.</summary>
    public long Count => count;

    /// <summary>Number of missing values (NaN) seen.</summary>
    public long Nulls => nulls;

    /// <summary>The smallest value; NaN when empty.</summary>
    public double Min => count == 0 ? double.NaN : min;

    /// <summary>The largest value; NaN when empty.</summary>
    public double Max => count == 0 ? double.NaN : max;

    /// <summary>The arithmetic mean; NaN when empty.</summary>
    public double Mean => count == 0 ? double.NaN : mean;

    /// <summary>The sum of squared deviations from the mean (M₂); NaN when empty.</summary>
    public double SumOfSquaredDeviations => count == 0 ? double.NaN : m2;

    /// <summary>Population variance M₂/n (numpy <c>var(ddof=0)</c>); NaN when empty.</summary>
    public double Variance => count == 0 ? double.NaN : m2 / count;

    /// <summary>Sample variance M₂/(n−1) (numpy <c>var(ddof=1)</c>); NaN with fewer than two values.</summary>
    public double SampleVariance => count < 2 ? double.NaN : m2 / (count - 1);

    /// <summary>Population standard deviation √(M₂/n); NaN when empty.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Adds one value; NaN counts as missing.</summary>
    public void Update(double value)
    {
        if (double.IsNaN(value)) { nulls++; return; }
        count++;
        var delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        if (value < min) min = value;
        if (value > max) max = value;
    }

    /// <summary>
    /// Adds every value of a span (NaN counts as missing). The span is summarised by two passes — count, sum, minimum
    /// and maximum, then M₂ = Σ(x − mean)² about the span's own mean (the textbook two-pass algorithm, as accurate as
    /// Welford's and without its division per value) — and folded in with Chan et al.'s pairwise update, as
    /// <see cref="Merge"/> does. Cost: O(length), no allocation.
    /// </summary>
    public void Update(ReadOnlySpan<double> values)
    {
        long c = 0;
        double sum = 0, lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            c++;
            sum += v;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        nulls += values.Length - c;
        if (c == 0) return;
        var m = sum / c;
        double ss = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            var d = v - m;
            ss += d * d;
        }
        Combine(c, m, ss, lo, hi);
    }

    /// <summary>Adds <paramref name="count"/> missing values.</summary>
    public void UpdateMissing(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        nulls += count;
    }

    /// <summary>Adds another accumulator's state into this one (Chan et al.'s pairwise update).</summary>
    public void Merge(RunningMoments other)
    {
        ArgumentNullException.ThrowIfNull(other);
        nulls += other.nulls;
        if (other.count == 0) return;
        Combine(other.count, other.mean, other.m2, other.min, other.max);
    }

    // Chan et al.'s pairwise update with a non-empty summary (count b > 0, mean, M₂, min, max).
    private void Combine(long b, double bMean, double bM2, double bMin, double bMax)
    {
        if (count == 0)
        {
            count = b; mean = bMean; m2 = bM2; min = bMin; max = bMax;
            return;
        }
        var n = count + b;
        var delta = bMean - mean;
        var nb = (double)b;
        mean += delta * nb / n;
        m2 += bM2 + delta * delta * ((double)count * nb / n);
        count = n;
        if (bMin < min) min = bMin;
        if (bMax > max) max = bMax;
    }

    /// <summary>A deep copy.</summary>
    public RunningMoments Clone() => (RunningMoments)MemberwiseClone();

    /// <summary>Writes <c>{"version","count","nulls","min","max","mean","m2"}</c> (empty: min/max/mean/m2 null).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", FormatVersion);
        writer.WriteNumber("count", count);
        writer.WriteNumber("nulls", nulls);
        SketchFormat.WriteNumber(writer, "min", Min);
        SketchFormat.WriteNumber(writer, "max", Max);
        SketchFormat.WriteNumber(writer, "mean", Mean);
        SketchFormat.WriteNumber(writer, "m2", SumOfSquaredDeviations);
        writer.WriteEndObject();
    }

    /// <summary>Reads what <see cref="WriteJson"/> wrote; throws <see cref="InvalidDataException"/> on another version or a broken object.</summary>
    public static RunningMoments ReadJson(JsonElement element)
    {
        const string what = "moments";
        SketchFormat.CheckVersion(element, what, FormatVersion);
        var m = new RunningMoments
        {
            count = SketchFormat.RequiredLong(element, "count", what),
            nulls = SketchFormat.RequiredLong(element, "nulls", what),
        };
        if (m.count < 0 || m.nulls < 0) throw new InvalidDataException($"{what}: negative count");
        if (m.count > 0)
        {
            m.min = SketchFormat.Number(element, "min", what);
            m.max = SketchFormat.Number(element, "max", what);
            m.mean = SketchFormat.Number(element, "mean", what);
            m.m2 = SketchFormat.Number(element, "m2", what);
        }
        return m;
    }

    /// <summary>Writes the binary form: version byte, count, nulls, min, max, mean, M₂ (little-endian).</summary>
    public void WriteBinary(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write((byte)FormatVersion);
        writer.Write(count); writer.Write(nulls);
        writer.Write(min); writer.Write(max); writer.Write(mean); writer.Write(m2);
    }

    /// <summary>Reads what <see cref="WriteBinary"/> wrote.</summary>
    public static RunningMoments ReadBinary(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        SketchFormat.CheckVersion(reader, "moments", FormatVersion);
        var m = new RunningMoments
        {
            count = reader.ReadInt64(), nulls = reader.ReadInt64(),
            min = reader.ReadDouble(), max = reader.ReadDouble(), mean = reader.ReadDouble(), m2 = reader.ReadDouble(),
        };
        if (m.count < 0 || m.nulls < 0) throw new InvalidDataException("moments: negative count");
        return m;
    }
}
