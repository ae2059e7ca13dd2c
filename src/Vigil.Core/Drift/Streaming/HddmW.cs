namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// HDDM_W, drift detection with McDiarmid's bounds and the exponentially weighted moving-average test
/// (Frías-Blanco et al., IEEE TKDE 27(3), 2015), as in River's <c>drift.binary.HDDM_W</c> (itself based on MOA).
/// </summary>
/// <remarks>
/// <para><b>Binary input:</b> 1 = error, 0 = correct; anything else throws <see cref="ArgumentException"/>.</para>
/// <para>Each sample summary holds an EWMA with weight λ (<c>lambda_val</c>; River's EWMean, which takes the value
/// itself while its mean is 0) and its independent-bound coefficient ibc ← λ² + (1 − λ)² ibc. The cut point is
/// the prefix whose EWMA + √(ibc ln(1/δ_d)/2) was smallest; a change is significant at confidence c when the EWMA
/// since the cut exceeds the prefix's by more than √((ibc₁ + ibc₂) ln(1/c) / 2). <c>drift_confidence</c> gives a
/// drift, <c>warning_confidence</c> a warning; <c>two_sided_test</c> adds decreases.</para>
/// <para>Reset: the update after a detection starts afresh. Cost: O(1), no allocation.</para>
/// </remarks>
public sealed class HddmW : ChangeDetectorBase
{
    private Sample total, s1Incr, s2Incr, s1Decr, s2Decr;
    private double incrCutpoint = double.PositiveInfinity;
    private double decrCutpoint = double.NegativeInfinity;
    private readonly double logInverseDrift;
    private readonly double logInverseWarning;

    /// <summary>Creates the detector; the defaults are River's.</summary>
    /// <param name="driftConfidence">Confidence level of the drift test, in (0, 1).</param>
    /// <param name="warningConfidence">Confidence level of the warning test, in (0, 1).</param>
    /// <param name="lambdaVal">Weight λ of the newest value in the EWMA, in (0, 1].</param>
    /// <param name="twoSidedTest">Also detect decreases of the error rate.</param>
    public HddmW(double driftConfidence = 0.001, double warningConfidence = 0.005, double lambdaVal = 0.05, bool twoSidedTest = false)
    {
        if (!(driftConfidence > 0 && driftConfidence < 1)) throw new ArgumentOutOfRangeException(nameof(driftConfidence), driftConfidence, "drift_confidence must be in (0, 1).");
        if (!(warningConfidence > 0 && warningConfidence < 1)) throw new ArgumentOutOfRangeException(nameof(warningConfidence), warningConfidence, "warning_confidence must be in (0, 1).");
        if (!(lambdaVal > 0 && lambdaVal <= 1)) throw new ArgumentOutOfRangeException(nameof(lambdaVal), lambdaVal, "lambda_val must be in (0, 1].");
        DriftConfidence = driftConfidence;
        WarningConfidence = warningConfidence;
        LambdaVal = lambdaVal;
        TwoSidedTest = twoSidedTest;
        logInverseDrift = Math.Log(1 / driftConfidence);
        logInverseWarning = Math.Log(1 / warningConfidence);
        ResetCore();
    }

    /// <inheritdoc />
    public override string Name => "hddm_w";

    /// <summary>Confidence level of the drift test.</summary>
    public double DriftConfidence { get; }

    /// <summary>Confidence level of the warning test.</summary>
    public double WarningConfidence { get; }

    /// <summary>EWMA weight λ (River's <c>lambda_val</c>).</summary>
    public double LambdaVal { get; }

    /// <summary>Whether decreases are detected too.</summary>
    public bool TwoSidedTest { get; }

    private static double McDiarmidBound(double ibc, double logInverseConfidence) => Math.Sqrt(ibc * logInverseConfidence / 2);

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        RequireBinary(x);
        total.Update(x, LambdaVal);

        var eps = McDiarmidBound(total.Ibc, logInverseDrift);
        if (total.Ewma + eps < incrCutpoint)
        {
            incrCutpoint = total.Ewma + eps;
            s1Incr = total;
            s2Incr = Sample.Empty;
        }
        else
        {
            s2Incr.Update(x, LambdaVal);
        }

        if (HasMeanChanged(s1Incr, s2Incr, logInverseDrift)) { Warning = false; Drift = true; }
        else if (HasMeanChanged(s1Incr, s2Incr, logInverseWarning)) { Warning = true; Drift = false; }
        else { Warning = false; Drift = false; }

        eps = McDiarmidBound(total.Ibc, logInverseDrift);
        if (total.Ewma - eps > decrCutpoint)
        {
            decrCutpoint = total.Ewma - eps;
            s1Decr = total;
            s2Decr = Sample.Empty;
        }
        else
        {
            s2Decr.Update(x, LambdaVal);
        }

        if (TwoSidedTest)
        {
            if (HasMeanChanged(s2Decr, s1Decr, logInverseDrift)) Drift = true;
            else if (HasMeanChanged(s2Decr, s1Decr, logInverseWarning)) Warning = true;
        }
    }

    private static bool HasMeanChanged(in Sample first, in Sample second, double logInverseConfidence)
    {
        if (!(first.IsInit && second.IsInit)) return false;
        var bound = McDiarmidBound(first.Ibc + second.Ibc, logInverseConfidence);
        return second.Ewma - first.Ewma > bound;
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        total = s1Incr = s2Incr = s1Decr = s2Decr = Sample.Empty;
        incrCutpoint = double.PositiveInfinity;
        decrCutpoint = double.NegativeInfinity;
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["drift_confidence"] = Format(DriftConfidence),
        ["warning_confidence"] = Format(WarningConfidence),
        ["lambda_val"] = Format(LambdaVal),
        ["two_sided_test"] = Format(TwoSidedTest),
    };

    internal override void WriteState(StateWriter writer) => writer
        .Add("total", total.ToArray()).Add("s1_incr", s1Incr.ToArray()).Add("s2_incr", s2Incr.ToArray())
        .Add("s1_decr", s1Decr.ToArray()).Add("s2_decr", s2Decr.ToArray())
        .Add("incr_cutpoint", incrCutpoint).Add("decr_cutpoint", decrCutpoint);

    internal override void ReadState(StateReader reader)
    {
        total = Sample.From(reader.Array("total", 3));
        s1Incr = Sample.From(reader.Array("s1_incr", 3));
        s2Incr = Sample.From(reader.Array("s2_incr", 3));
        s1Decr = Sample.From(reader.Array("s1_decr", 3));
        s2Decr = Sample.From(reader.Array("s2_decr", 3));
        incrCutpoint = reader.Double("incr_cutpoint");
        decrCutpoint = reader.Double("decr_cutpoint");
    }

    /// <summary>River's SampleInfo: an EWMA, whether it saw a value, and its independent-bound coefficient.</summary>
    private struct Sample
    {
        public double Ewma;
        public bool IsInit;
        public double Ibc;

        public static Sample Empty => new() { Ewma = 0, IsInit = false, Ibc = 1.0 };

        public void Update(double x, double lambda)
        {
            Ewma = Ewma != 0 ? lambda * x + (1.0 - lambda) * Ewma : x;
            IsInit = true;
            Ibc = lambda * lambda + (1 - lambda) * (1 - lambda) * Ibc;
        }

        public readonly double[] ToArray() => [Ewma, IsInit ? 1 : 0, Ibc];

        public static Sample From(double[] a) => new() { Ewma = a[0], IsInit = a[1] != 0, Ibc = a[2] };
    }
}
