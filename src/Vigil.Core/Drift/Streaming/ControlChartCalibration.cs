namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// The in-control mean and standard deviation of a control chart: given, or estimated over a warm-up (Welford's
/// running mean and the sample standard deviation, n − 1 divisor). Shared by <see cref="Cusum"/> and <see cref="Ewma"/>.
/// </summary>
internal struct ControlChartCalibration
{
    public double Count;
    public double Mean;
    public double M2;

    /// <summary>Adds a warm-up value.</summary>
    public void Add(double x)
    {
        Count += 1;
        var d = x - Mean;
        Mean += d / Count;
        M2 += d * (x - Mean);
    }

    public readonly double StandardDeviation => Count > 1 ? Math.Sqrt(M2 / (Count - 1)) : double.NaN;

    public readonly double[] ToArray() => [Count, Mean, M2];

    public static ControlChartCalibration From(double[] a) => new() { Count = a[0], Mean = a[1], M2 = a[2] };

    /// <summary>Validates the shared parameters: an estimated σ needs at least two warm-up values.</summary>
    public static void Validate(double target, double sigma, int warmStart)
    {
        if (double.IsInfinity(target)) throw new ArgumentOutOfRangeException(nameof(target), target, "target must be finite, or NaN to estimate it.");
        if (double.IsInfinity(sigma) || sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be a finite number > 0, or NaN to estimate it.");
        var needsWarmUp = double.IsNaN(target) || double.IsNaN(sigma);
        if (needsWarmUp && warmStart < (double.IsNaN(sigma) ? 2 : 1))
            throw new ArgumentOutOfRangeException(nameof(warmStart), warmStart,
                "warm_start must be at least 2 when sigma is estimated (at least 1 when only target is).");
        if (warmStart < 0) throw new ArgumentOutOfRangeException(nameof(warmStart), warmStart, "warm_start must be ≥ 0.");
    }
}
