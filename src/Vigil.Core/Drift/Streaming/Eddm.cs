namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// EDDM, the Early Drift Detection Method (Baena-García, del Campo-Ávila, Fidalgo, Bifet, Gavaldà &amp;
/// Morales-Bueno, 4th Int. Workshop on Knowledge Discovery from Data Streams, 2006), as in River's
/// <c>drift.binary.EDDM</c>.
/// </summary>
/// <remarks>
/// <para><b>Binary input:</b> 1 = error, 0 = correct; anything else throws <see cref="ArgumentException"/>.</para>
/// <para>Tracks the distance (in updates) between consecutive errors: its running mean p′ and sample standard
/// deviation s′ (n − 1 divisor, 0 for a single distance). At each error after <c>warm_start</c> updates, if
/// p′ + 2s′ exceeds its maximum so far the maximum moves; otherwise, once more than <c>warm_start</c> errors were
/// seen, the ratio r = (p′ + 2s′) / max(p′ + 2s′) gives a drift when r &lt; β (<c>beta</c>) and a warning when
/// r &lt; α (<c>alpha</c>), else clears the warning. Correct values (0) leave the flags as they are (River's behaviour).</para>
/// <para>Reset: the update after a detection starts afresh. Cost: O(1), no allocation.</para>
/// </remarks>
public sealed class Eddm : ChangeDetectorBase
{
    private long n;
    private long lastError;
    private long errors;
    private double distanceCount;
    private double distanceMean;
    private double distanceVariance;
    private double p2sMax = -1;

    /// <summary>Creates the detector; the defaults are River's.</summary>
    /// <param name="warmStart">Updates, and errors, seen before any warning or drift.</param>
    /// <param name="alpha">Warning ratio in (0, 1]; must be ≥ <paramref name="beta"/>.</param>
    /// <param name="beta">Drift ratio in (0, 1].</param>
    public Eddm(int warmStart = 30, double alpha = 0.95, double beta = 0.9)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmStart);
        if (!(alpha > 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1].");
        if (!(beta > 0 && beta <= 1)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be in (0, 1].");
        if (alpha < beta) throw new ArgumentException("alpha must be greater than or equal to beta.", nameof(alpha));
        WarmStart = warmStart;
        Alpha = alpha;
        Beta = beta;
    }

    /// <inheritdoc />
    public override string Name => "eddm";

    /// <summary>Updates and errors seen before any warning or drift.</summary>
    public int WarmStart { get; }

    /// <summary>Warning ratio α.</summary>
    public double Alpha { get; }

    /// <summary>Drift ratio β.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    protected override void UpdateCore(double x)
    {
        RequireBinary(x);
        n++;
        if (x != 1.0) return;
        errors++;
        // Running mean and variance (ddof = 1) of the distances between errors, as River's stats.Var.
        double distance = n - lastError;
        var oldMean = distanceMean;
        distanceCount += 1.0;
        distanceMean += 1.0 * (distance - distanceMean) / distanceCount;
        if (distanceCount > 1)
            distanceVariance += 1.0 * ((distance - oldMean) * (distance - distanceMean) - distanceVariance) / (distanceCount - 1);
        if (n > WarmStart)
        {
            var p2s = distanceMean + 2 * Math.Sqrt(distanceVariance);
            if (p2s > p2sMax)
            {
                p2sMax = p2s;
            }
            else if (errors > WarmStart)
            {
                var level = p2s / p2sMax;
                if (level < Beta) Drift = true;
                else Warning = level < Alpha;
            }
        }
        lastError = n;
    }

    /// <inheritdoc />
    protected override void ResetCore()
    {
        n = 0;
        lastError = 0;
        errors = 0;
        distanceCount = 0;
        distanceMean = 0;
        distanceVariance = 0;
        p2sMax = -1;
    }

    /// <inheritdoc />
    protected override Dictionary<string, string> DescribeParameters() => new()
    {
        ["warm_start"] = Format(WarmStart),
        ["alpha"] = Format(Alpha),
        ["beta"] = Format(Beta),
    };

    internal override void WriteState(StateWriter writer) => writer
        .Add("n", n).Add("last_error", lastError).Add("errors", errors).Add("distance_count", distanceCount)
        .Add("distance_mean", distanceMean).Add("distance_variance", distanceVariance).Add("p2s_max", p2sMax);

    internal override void ReadState(StateReader reader)
    {
        n = reader.Long("n");
        lastError = reader.Long("last_error");
        errors = reader.Long("errors");
        distanceCount = reader.Long("distance_count");
        distanceMean = reader.Double("distance_mean");
        distanceVariance = reader.Double("distance_variance");
        p2sMax = reader.Double("p2s_max");
    }
}
