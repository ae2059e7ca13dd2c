namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// HDDM_A, drift detection with Hoeffding's bounds and the moving-average test (Frías-Blanco, del Campo-Ávila,
/// Ramos-Jiménez et al., "Online and non-parametric drift detection methods based on Hoeffding's bounds",
/// IEEE TKDE 27(3), 2015), as in River's <c>drift.binary.HDDM_A</c> (itself based on MOA).
/// </summary>
/// <remarks>
/// <para><b>Binary input:</b> 1 = error, 0 = correct; anything else throws <see cref="ArgumentException"/>.</para>
/// <para>Keeps the global mean Z (n values) and the prefix X whose Hoeffding lower bound was smallest (the cut point).
/// An increase is significant at confidence c when Ẑ − X̂ ≥ √(m/2 · ln(2/c)) with m = (n − n_X)/(n_X · n);
/// <c>drift_confidence</c> gives a drift, <c>warning_confidence</c> a warning. With <c>two_sided_test</c> a
/// decrease (against the prefix with the largest upper bound) is detected too.</para>
/// <para>Reset: the update after a detection starts afresh. Cost: O(1), no allocation.</para>
/// </remarks>
public sealed class HddmA : ChangeDetectorBase
{
    private double zN, zMean, minN, minMean, maxN, maxMean;
    private readonly double logInverseDrift;
    private readonly double logTwoOverDrift;
    private readonly double logTwoOverWarning;

    /// <summary>Creates the detector; the defaults are River's.</summary>
    /// <param name="driftConfidence">Confidence level of the drift test, in (0, 1).</param>
    /// <param name="warningConfidence">Confidence level of the warning test, in (0, 1).</param>
    /// <param name="twoSidedTest">Also detect decreases of the error rate.</param>
    public HddmA(double driftConfidence = 0.001, double warningConfidence = 0.005, bool twoSidedTest = false)
    {
        if (!(driftConfidence > 0 && driftConfidence < 1)) throw new ArgumentOutOfRangeException(nameof(driftConfidence), driftConfidence, "drift_confidence must be in (0, 1).");
        if (!(warningConfidence > 0 && warningConfidence < 1)) throw new ArgumentOutOfRangeException(nameof(warningConfidence), warningConfidence, "warning_confidence must be in (0, 1).");
        DriftConfidence = driftConfidence;
        WarningConfidence = warningConfidence;
        TwoSidedTest = twoSidedTest;
        logInverseDrift = Math.Log(1.0 / driftConfidence);
        logTwoOverDrift = Math.Log(2.0 / driftConfidence);
        logTwoOverWarning = Math.Log(2.0 / warningConfidence);
    }

    /// <inheritdoc />
    public override string Name => "hddm_a";

    /// <summary>Confidence level of the drift test.</summary>
    public double DriftConfidence { get; }

    /// <summary>Confidence level of the warning test.</summary>
    public double WarningConfidence { get; }

    /// <summary>Whether decreases are detected too.</summary>
    public bool TwoSidedTest { get; }

    private double HoeffdingBound(double count) => Math.Sqrt(1.0 / (2 * count) * logInverseDrift);

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        RequireBinary(x);
        zN += 1.0;
        zMean += 1.0 * (x - zMean) / zN;
        if (minN == 0) { minN = zN; minMean = zMean; }
        if (maxN == 0) { maxN = zN; maxMean = zMean; }
        var epsZ = HoeffdingBound(zN);
        var epsX = HoeffdingBound(minN);
        if (minMean + epsX >= zMean + epsZ) { minN = zN; minMean = zMean; }
        epsX = HoeffdingBound(maxN);
        if (maxMean - epsX <= zMean - epsZ) { maxN = zN; maxMean = zMean; }

        if (MeanIncreased(logTwoOverDrift)) { Warning = false; Drift = true; }
        else if (MeanIncreased(logTwoOverWarning)) { Warning = true; Drift = false; }
        else { Warning = false; Drift = false; }

        if (TwoSidedTest)
        {
            if (MeanDecreased(logTwoOverDrift)) Drift = true;
            else if (MeanDecreased(logTwoOverWarning)) Warning = true;
        }
    }

    private bool MeanIncreased(double logTwoOverConfidence)
    {
        if (minN == zN) return false;
        var m = (zN - minN) / minN * (1.0 / zN);
        var eps = Math.Sqrt(m / 2 * logTwoOverConfidence);
        return zMean - minMean >= eps;
    }

    private bool MeanDecreased(double logTwoOverConfidence)
    {
        if (maxN == zN) return false;
        var m = (zN - maxN) / maxN * (1.0 / zN);
        var eps = Math.Sqrt(m / 2 * logTwoOverConfidence);
        return maxMean - zMean >= eps;
    }

    /// <inheritdoc />
    protected override void ResetCore() => zN = zMean = minN = minMean = maxN = maxMean = 0;

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["drift_confidence"] = Format(DriftConfidence),
        ["warning_confidence"] = Format(WarningConfidence),
        ["two_sided_test"] = Format(TwoSidedTest),
    };

    internal override void WriteState(StateWriter writer) => writer
        .Add("z", [zN, zMean]).Add("x_min", [minN, minMean]).Add("x_max", [maxN, maxMean]);

    internal override void ReadState(StateReader reader)
    {
        var z = reader.Array("z", 2);
        var lo = reader.Array("x_min", 2);
        var hi = reader.Array("x_max", 2);
        (zN, zMean, minN, minMean, maxN, maxMean) = (z[0], z[1], lo[0], lo[1], hi[0], hi[1]);
    }
}
