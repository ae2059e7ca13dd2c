namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// The EWMA control chart (Roberts 1959; Montgomery, <i>Introduction to Statistical Quality Control</i>, 6th ed.,
/// §9.2, eqs. 9.22–9.26), two-sided with exact time-varying limits. River has no EWMA chart; this follows the textbook.
/// </summary>
/// <remarks>
/// <para>zᵢ = λxᵢ + (1 − λ)zᵢ₋₁ with z₀ = μ₀; limits μ₀ ± Lσ √(λ/(2 − λ) · [1 − (1 − λ)^{2i}]) (λ = <c>lambda_</c>,
/// L = <c>L</c>); a drift is detected when zᵢ leaves them. Defaults λ = 0.1, L = 2.7 (in-control ARL ≈ 500,
/// Montgomery Table 9.11). No warning zone.</para>
/// <para>μ₀ (<c>target</c>) and σ (<c>sigma</c>) are given, or (when NaN) estimated over the first
/// <c>warm_start</c> values (mean and sample standard deviation), which are not charted.</para>
/// <para>Reset: the update after a detection restarts the chart (i = 0, z = μ₀) and, for estimated μ₀/σ, starts a
/// new warm-up on the new regime. Cost: O(1), no allocation.</para>
/// </remarks>
public sealed class Ewma : ChangeDetectorBase
{
    private ControlChartCalibration calibration;
    private double mu;
    private double sd;
    private bool calibrated;
    private double z;
    private double decay; // (1 − λ)^{2i}
    private long charted;

    /// <summary>Creates the chart.</summary>
    /// <param name="lambda">Weight λ of the newest value, in (0, 1].</param>
    /// <param name="l">Width L of the control limits in standard deviations of zᵢ.</param>
    /// <param name="target">In-control mean μ₀; NaN estimates it over the warm-up.</param>
    /// <param name="sigma">In-control standard deviation σ; NaN estimates it over the warm-up.</param>
    /// <param name="warmStart">Warm-up length when μ₀ or σ is estimated.</param>
    public Ewma(double lambda = 0.1, double l = 2.7, double target = double.NaN, double sigma = double.NaN, int warmStart = 30)
    {
        if (!(lambda > 0 && lambda <= 1)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "lambda_ must be in (0, 1].");
        if (!double.IsFinite(l) || l <= 0) throw new ArgumentOutOfRangeException(nameof(l), l, "L must be a finite number > 0.");
        ControlChartCalibration.Validate(target, sigma, warmStart);
        Lambda = lambda;
        L = l;
        Target = target;
        Sigma = sigma;
        WarmStart = warmStart;
        ResetCore();
    }

    /// <inheritdoc />
    public override string Name => "ewma";

    /// <summary>Weight λ of the newest value.</summary>
    public double Lambda { get; }

    /// <summary>Width L of the limits.</summary>
    public double L { get; }

    /// <summary>The given in-control mean, or NaN when estimated.</summary>
    public double Target { get; }

    /// <summary>The given in-control standard deviation, or NaN when estimated.</summary>
    public double Sigma { get; }

    /// <summary>Warm-up length for estimated parameters.</summary>
    public int WarmStart { get; }

    /// <summary>The EWMA statistic zᵢ; NaN during the warm-up.</summary>
    public double Statistic => calibrated ? z : double.NaN;

    /// <summary>The upper control limit at the last charted value; NaN before any.</summary>
    public double UpperLimit => charted == 0 ? double.NaN : mu + HalfWidth();

    /// <summary>The lower control limit at the last charted value; NaN before any.</summary>
    public double LowerLimit => charted == 0 ? double.NaN : mu - HalfWidth();

    private double HalfWidth() => L * sd * Math.Sqrt(Lambda / (2 - Lambda) * (1 - decay));

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        if (!calibrated)
        {
            calibration.Add(x);
            if (calibration.Count < WarmStart) return;
            mu = double.IsNaN(Target) ? calibration.Mean : Target;
            sd = double.IsNaN(Sigma) ? calibration.StandardDeviation : Sigma;
            z = mu;
            calibrated = true;
            return;
        }
        charted++;
        var q = 1 - Lambda;
        decay *= q * q;
        z = Lambda * x + q * z;
        var w = HalfWidth();
        Drift = z > mu + w || z < mu - w;
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        calibration = default;
        calibrated = !double.IsNaN(Target) && !double.IsNaN(Sigma);
        mu = Target;
        sd = Sigma;
        z = mu;
        decay = 1.0;
        charted = 0;
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["lambda_"] = Format(Lambda),
        ["L"] = Format(L),
        ["target"] = double.IsNaN(Target) ? "none" : Format(Target),
        ["sigma"] = double.IsNaN(Sigma) ? "none" : Format(Sigma),
        ["warm_start"] = Format(WarmStart),
    };

    internal override void WriteState(StateWriter writer) => writer
        .Add("calibration", calibration.ToArray()).Add("calibrated", calibrated).Add("mu", mu).Add("sd", sd)
        .Add("z", z).Add("decay", decay).Add("charted", charted);

    internal override void ReadState(StateReader reader)
    {
        calibration = ControlChartCalibration.From(reader.Array("calibration", 3));
        calibrated = reader.Bool("calibrated");
        mu = reader.Double("mu");
        sd = reader.Double("sd");
        z = reader.Double("z");
        decay = reader.Double("decay");
        charted = reader.Long("charted");
    }
}
