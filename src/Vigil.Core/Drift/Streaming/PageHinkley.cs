namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// The Page-Hinkley test (Page, "Continuous inspection schemes", Biometrika 41, 1954; the two-sided form of
/// Sebastião &amp; Fernandes 2017), as in River's <c>drift.PageHinkley</c>.
/// </summary>
/// <remarks>
/// <para>With x̄ₜ the running mean (including xₜ) and α the forgetting factor:
/// Uₜ = α Uₜ₋₁ + (xₜ − x̄ₜ) − δ and Lₜ = α Lₜ₋₁ + (xₜ − x̄ₜ) + δ. An increase is detected when
/// Uₜ − min(U) &gt; λ (<c>threshold</c>), a decrease when max(L) − Lₜ &gt; λ (the running max of L starts at −1 as in
/// River); tests start once <c>min_instances</c> values were seen. No warning zone.</para>
/// <para>Input: any finite number. Reset: the update after a detection starts afresh (River's behaviour).
/// Cost: O(1), no allocation.</para>
/// </remarks>
public sealed class PageHinkley : ChangeDetectorBase
{
    private double n;
    private double mean;
    private double sumIncrease;
    private double sumDecrease;
    private double minIncrease = double.PositiveInfinity;
    private double maxDecrease = -1;

    /// <summary>Creates the detector; the defaults are River's.</summary>
    /// <param name="minInstances">Values seen before any test.</param>
    /// <param name="delta">Magnitude of change tolerated (δ).</param>
    /// <param name="threshold">Detection threshold λ.</param>
    /// <param name="alpha">Forgetting factor α in (0, 1].</param>
    /// <param name="mode">Direction(s) of change to detect.</param>
    public PageHinkley(int minInstances = 30, double delta = 0.005, double threshold = 50.0, double alpha = 1 - 0.0001,
        PageHinkleyMode mode = PageHinkleyMode.Both)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minInstances);
        if (!double.IsFinite(delta) || delta < 0) throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be a finite number ≥ 0.");
        if (!double.IsFinite(threshold) || threshold < 0) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be a finite number ≥ 0.");
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "mode must be up, down or both.");
        MinInstances = minInstances;
        Delta = delta;
        Threshold = threshold;
        Alpha = alpha;
        Mode = mode;
    }

    /// <inheritdoc />
    public override string Name => "page_hinkley";

    /// <summary>Values seen before any test.</summary>
    public int MinInstances { get; }

    /// <summary>Magnitude of change tolerated (δ).</summary>
    public double Delta { get; }

    /// <summary>Detection threshold λ.</summary>
    public double Threshold { get; }

    /// <summary>Forgetting factor α.</summary>
    public double Alpha { get; }

    /// <summary>Direction(s) of change detected.</summary>
    public PageHinkleyMode Mode { get; }

    /// <summary>The increase statistic Uₜ − min(U) (0 before any value).</summary>
    public double IncreaseStatistic => n == 0 ? 0 : sumIncrease - minIncrease;

    /// <summary>The decrease statistic max(L) − Lₜ (0 before any value).</summary>
    public double DecreaseStatistic => n == 0 ? 0 : maxDecrease - sumDecrease;

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        n += 1.0;
        mean += 1.0 * (x - mean) / n;
        var dev = x - mean;
        sumIncrease = Alpha * sumIncrease + dev - Delta;
        sumDecrease = Alpha * sumDecrease + dev + Delta;
        if (sumIncrease < minIncrease) minIncrease = sumIncrease;
        if (sumDecrease > maxDecrease) maxDecrease = sumDecrease;
        if (n >= MinInstances)
        {
            var up = sumIncrease - minIncrease > Threshold;
            var down = maxDecrease - sumDecrease > Threshold;
            Drift = Mode switch
            {
                PageHinkleyMode.Up => up,
                PageHinkleyMode.Down => down,
                _ => up || down,
            };
        }
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        n = 0;
        mean = 0;
        sumIncrease = 0;
        sumDecrease = 0;
        minIncrease = double.PositiveInfinity;
        maxDecrease = -1;
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["min_instances"] = Format(MinInstances),
        ["delta"] = Format(Delta),
        ["threshold"] = Format(Threshold),
        ["alpha"] = Format(Alpha),
        ["mode"] = Mode switch { PageHinkleyMode.Up => "up", PageHinkleyMode.Down => "down", _ => "both" },
    };

    internal override void WriteState(StateWriter writer) => writer
        .Add("n", n).Add("mean", mean).Add("sum_increase", sumIncrease).Add("sum_decrease", sumDecrease)
        .Add("min_increase", minIncrease).Add("max_decrease", maxDecrease);

    internal override void ReadState(StateReader reader)
    {
        n = reader.Long("n");
        mean = reader.Double("mean");
        sumIncrease = reader.Double("sum_increase");
        sumDecrease = reader.Double("sum_decrease");
        minIncrease = reader.Double("min_increase");
        maxDecrease = reader.Double("max_decrease");
    }
}
