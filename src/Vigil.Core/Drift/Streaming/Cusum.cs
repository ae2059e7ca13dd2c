namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// The two-sided tabular CUSUM control chart (Montgomery, <i>Introduction to Statistical Quality Control</i>, 6th ed.,
/// §9.1.2, eqs. 9.2–9.3; Page 1954). River has no CUSUM chart; this follows the textbook.
/// </summary>
/// <remarks>
/// <para>With in-control mean μ₀ (<c>target</c>), standard deviation σ (<c>sigma</c>), reference value K = kσ and
/// decision interval H = hσ: C⁺ᵢ = max(0, xᵢ − (μ₀ + K) + C⁺ᵢ₋₁), C⁻ᵢ = max(0, (μ₀ − K) − xᵢ + C⁻ᵢ₋₁), starting at 0.
/// A drift is detected when C⁺ᵢ &gt; H or C⁻ᵢ &gt; H. The defaults k = 0.5, h = 5 detect a 1σ shift of the mean
/// (in-control ARL ≈ 465, Montgomery Table 9.3). No warning zone.</para>
/// <para>μ₀ and σ are given, or (when NaN) estimated over the first <c>warm_start</c> values (mean and sample standard
/// deviation), which are not charted. If the warm-up values are all equal, σ̂ = 0 and any departure from μ₀ beyond
/// nothing counts, so give <c>sigma</c> for such streams.</para>
/// <para>Reset: the update after a detection clears C⁺ and C⁻ and, for estimated μ₀/σ, starts a new warm-up on
/// the new regime. Cost: O(1), no allocation.</para>
/// </remarks>
public sealed class Cusum : ChangeDetectorBase
{
    private ControlChartCalibration calibration;
    private double mu;
    private double sd;
    private bool calibrated;
    private double cPlus;
    private double cMinus;

    /// <summary>Creates the chart.</summary>
    /// <param name="k">Reference value in σ units (half the shift to detect).</param>
    /// <param name="h">Decision interval in σ units.</param>
    /// <param name="target">In-control mean μ₀; NaN estimates it over the warm-up.</param>
    /// <param name="sigma">In-control standard deviation σ; NaN estimates it over the warm-up.</param>
    /// <param name="warmStart">Warm-up length when μ₀ or σ is estimated.</param>
    public Cusum(double k = 0.5, double h = 5.0, double target = double.NaN, double sigma = double.NaN, int warmStart = 30)
    {
        if (!double.IsFinite(k) || k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be a finite number ≥ 0.");
        if (!double.IsFinite(h) || h <= 0) throw new ArgumentOutOfRangeException(nameof(h), h, "h must be a finite number > 0.");
        ControlChartCalibration.Validate(target, sigma, warmStart);
        K = k;
        H = h;
        Target = target;
        Sigma = sigma;
        WarmStart = warmStart;
        ResetCore();
    }

    /// <inheritdoc />
    public override string Name => "cusum";

    /// <summary>Reference value k (σ units).</summary>
    public double K { get; }

    /// <summary>Decision interval h (σ units).</summary>
    public double H { get; }

    /// <summary>The given in-control mean, or NaN when estimated.</summary>
    public double Target { get; }

    /// <summary>The given in-control standard deviation, or NaN when estimated.</summary>
    public double Sigma { get; }

    /// <summary>Warm-up length for estimated parameters.</summary>
    public int WarmStart { get; }

    /// <summary>The in-control mean in use; NaN during the warm-up.</summary>
    public double InControlMean => calibrated ? mu : double.NaN;

    /// <summary>The in-control standard deviation in use; NaN during the warm-up.</summary>
    public double InControlStandardDeviation => calibrated ? sd : double.NaN;

    /// <summary>The upper cumulative sum C⁺ (in data units).</summary>
    public double UpperSum => cPlus;

    /// <summary>The lower cumulative sum C⁻ (in data units).</summary>
    public double LowerSum => cMinus;

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        if (!calibrated)
        {
            calibration.Add(x);
            if (calibration.Count < WarmStart) return;
            mu = double.IsNaN(Target) ? calibration.Mean : Target;
            sd = double.IsNaN(Sigma) ? calibration.StandardDeviation : Sigma;
            calibrated = true;
            return;
        }
        var kk = K * sd;
        cPlus = Math.Max(0.0, x - (mu + kk) + cPlus);
        cMinus = Math.Max(0.0, (mu - kk) - x + cMinus);
        var hh = H * sd;
        Drift = cPlus > hh || cMinus > hh;
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        calibration = default;
        cPlus = 0;
        cMinus = 0;
        calibrated = !double.IsNaN(Target) && !double.IsNaN(Sigma);
        mu = Target;
        sd = Sigma;
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["k"] = Format(K),
        ["h"] = Format(H),
        ["target"] = double.IsNaN(Target) ? "none" : Format(Target),
        ["sigma"] = double.IsNaN(Sigma) ? "none" : Format(Sigma),
        ["warm_start"] = Format(WarmStart),
    };

    internal override void WriteState(StateWriter writer) => writer
        .Add("calibration", calibration.ToArray()).Add("calibrated", calibrated).Add("mu", mu).Add("sd", sd)
        .Add("c_plus", cPlus).Add("c_minus", cMinus);

    internal override void ReadState(StateReader reader)
    {
        calibration = ControlChartCalibration.From(reader.Array("calibration", 3));
        calibrated = reader.Bool("calibrated");
        mu = reader.Double("mu");
        sd = reader.Double("sd");
        cPlus = reader.Double("c_plus");
        cMinus = reader.Double("c_minus");
    }
}
