namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// DDM, the Drift Detection Method (Gama, Medas, Castillo &amp; Rodrigues, "Learning with drift detection",
/// SBIA 2004), as in River's <c>drift.binary.DDM</c>.
/// </summary>
/// <remarks>
/// <para><b>Binary input:</b> 1 = error (the model's prediction was wrong), 0 = correct; anything else throws
/// <see cref="ArgumentException"/>.</para>
/// <para>With pᵢ the error rate after i values and sᵢ = √(pᵢ(1 − pᵢ)/i), once i &gt; <c>warm_start</c> the detector
/// remembers (p_min, s_min) where pᵢ + sᵢ was smallest, warns when pᵢ + sᵢ &gt; p_min + w·s_min
/// (<c>warning_threshold</c> w) and detects a drift when pᵢ + sᵢ &gt; p_min + d·s_min (<c>drift_threshold</c> d).
/// A drift clears the warning flag.</para>
/// <para>Reset: the update after a detection starts afresh. Cost: O(1), no allocation.</para>
/// </remarks>
public sealed class Ddm : ChangeDetectorBase
{
    private double n;
    private double p;
    private double pMin = double.PositiveInfinity;
    private double sMin = double.PositiveInfinity;
    private double psMin = double.PositiveInfinity;

    /// <summary>Creates the detector; the defaults are River's.</summary>
    /// <param name="warmStart">Values seen before any warning or drift.</param>
    /// <param name="warningThreshold">Standard deviations above the minimum for a warning (2 ≈ 95 %).</param>
    /// <param name="driftThreshold">Standard deviations above the minimum for a drift (3 ≈ 99 %).</param>
    public Ddm(int warmStart = 30, double warningThreshold = 2.0, double driftThreshold = 3.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmStart);
        if (!double.IsFinite(warningThreshold) || warningThreshold < 0) throw new ArgumentOutOfRangeException(nameof(warningThreshold), warningThreshold, "warning_threshold must be a finite number ≥ 0.");
        if (!double.IsFinite(driftThreshold) || driftThreshold < 0) throw new ArgumentOutOfRangeException(nameof(driftThreshold), driftThreshold, "drift_threshold must be a finite number ≥ 0.");
        WarmStart = warmStart;
        WarningThreshold = warningThreshold;
        DriftThreshold = driftThreshold;
    }

    /// <inheritdoc />
    public override string Name => "ddm";

    /// <summary>Values seen before any warning or drift.</summary>
    public int WarmStart { get; }

    /// <summary>Warning threshold in standard deviations.</summary>
    public double WarningThreshold { get; }

    /// <summary>Drift threshold in standard deviations.</summary>
    public double DriftThreshold { get; }

    /// <summary>The current error rate pᵢ (0 before any value).</summary>
    public double ErrorRate => p;

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        RequireBinary(x);
        n += 1.0;
        p += 1.0 * (x - p) / n;
        var s = Math.Sqrt(p * (1 - p) / n);
        if (n > WarmStart)
        {
            if (p + s <= psMin)
            {
                pMin = p;
                sMin = s;
                psMin = pMin + sMin;
            }
            Warning = p + s > pMin + WarningThreshold * sMin;
            if (p + s > pMin + DriftThreshold * sMin)
            {
                Drift = true;
                Warning = false;
            }
        }
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        n = 0;
        p = 0;
        pMin = sMin = psMin = double.PositiveInfinity;
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["warm_start"] = Format(WarmStart),
        ["warning_threshold"] = Format(WarningThreshold),
        ["drift_threshold"] = Format(DriftThreshold),
    };

    internal override void WriteState(StateWriter writer) => writer
        .Add("n", n).Add("p", p).Add("p_min", pMin).Add("s_min", sMin).Add("ps_min", psMin);

    internal override void ReadState(StateReader reader)
    {
        n = reader.Long("n");
        p = reader.Double("p");
        pMin = reader.Double("p_min");
        sMin = reader.Double("s_min");
        psMin = reader.Double("ps_min");
    }
}
