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
public sealed class PageHinkley : ChangeDetectorBase, IChangeDetector
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

    /// <summary>
    /// Adds a value: the same contract as <see cref="ChangeDetectorBase.Update"/> (non-finite values throw
    /// <see cref="ArgumentException"/>; the update after a drift resets first). This class re-implements
    /// <see cref="IChangeDetector.Update"/> so a call through the interface runs the statistic inline instead of
    /// through the base class's virtual <c>UpdateCore</c> (the hot path of the ≤ 20 ns/update target); the
    /// arithmetic is the same expressions in the same order, so results are bit-identical.
    /// </summary>
    public new void Update(double x)
    {
        if (!double.IsFinite(x) || Drift)
        {
            base.Update(x); // throws for non-finite x; otherwise resets and updates via UpdateCore
            return;
        }
        Step(x);
    }

    /// <inheritdoc />
    protected override void UpdateCore(double x) => Step(x);

    private void Step(double x)
    {
        var count = n + 1.0;
        n = count;
        // River: mean += (x − mean) / n (the factor 1.0 of River's code is exact, so it is dropped)
        var m = mean + (x - mean) / count;
        mean = m;
        var dev = x - m;
        var up = Alpha * sumIncrease + dev - Delta;
        var down = Alpha * sumDecrease + dev + Delta;
        sumIncrease = up;
        sumDecrease = down;
        var lowest = up < minIncrease ? up : minIncrease;
        var highest = down > maxDecrease ? down : maxDecrease;
        minIncrease = lowest;
        maxDecrease = highest;
        if (count >= MinInstances)
        {
            Drift = Mode switch
            {
                PageHinkleyMode.Up => up - lowest > Threshold,
                PageHinkleyMode.Down => highest - down > Threshold,
                _ => up - lowest > Threshold || highest - down > Threshold,
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
