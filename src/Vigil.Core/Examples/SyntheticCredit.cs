using Vigil.Core.Data;
using Vigil.Core.Statistics;

namespace Vigil.Core.Examples;

/// <summary>
/// A seeded, self-made credit-default dataset for examples and demos (no downloaded data): applicant features,
/// the true default label drawn from a logistic model of those features, and a model score that knows most but
/// not all of that model (so the AUC is realistic, about 0.8) and is somewhat over-confident.
/// </summary>
public static class SyntheticCredit
{
    /// <summary>Generates <paramref name="rows"/> applicants; the same seed gives the same data.</summary>
    public static DataFrame Generate(int rows, long seed = 42) => Generate(rows, seed, CreditPopulation.Baseline);

    /// <summary>
    /// Generates <paramref name="rows"/> applicants drawn from <paramref name="population"/> (covariate shift: the
    /// default mechanism stays the same, only who applies changes); the same seed gives the same data.
    /// </summary>
    public static DataFrame Generate(int rows, long seed, CreditPopulation population)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var rng = new SeededRandom(seed, 0);
        var age = new double[rows];
        var income = new double[rows];
        var debt = new double[rows];
        var late = new double[rows];
        var regionCodes = new int[rows];
        var label = new double[rows];
        var score = new double[rows];
        string[] regions = ["north", "south", "east", "west"];
        double[] regionEffect = [0.0, 0.35, -0.2, 0.1];
        for (var i = 0; i < rows; i++)
        {
            age[i] = Math.Round(Math.Clamp(21 + 45 * rng.NextDouble() + 6 * Gaussian(ref rng), 18, 90));
            income[i] = Math.Round(Math.Exp(population.LogIncomeMean + population.LogIncomeSd * Gaussian(ref rng)) / 100) * 100;
            debt[i] = Math.Round(Math.Clamp(population.DebtRatioMean + population.DebtRatioSd * Gaussian(ref rng), 0, 1.5), 3);
            late[i] = Math.Min(6, Math.Floor(-Math.Log(1 - rng.NextDouble()) * 0.6));
            regionCodes[i] = rng.NextInt(4);
            var logit = -2.0 + 6.0 * (debt[i] - 0.35) - 1.4 * (Math.Log(income[i]) - 10.4) + 0.9 * late[i]
                        - 0.03 * (age[i] - 40) + regionEffect[regionCodes[i]];
            var hidden = 0.5 * Gaussian(ref rng);
            label[i] = rng.NextDouble() < Sigmoid(logit + hidden) ? 1 : 0;
            score[i] = Math.Round(Sigmoid(1.25 * (logit + 0.35 * Gaussian(ref rng))), 4);
        }
        return new DataFrame(
        [
            new NumericColumn("age", age),
            new NumericColumn("income", income),
            new NumericColumn("debt_ratio", debt),
            new NumericColumn("late_payments", late),
            new CategoricalColumn("region", regionCodes, regions),
            new NumericColumn("default", label),
            new NumericColumn("score", score),
        ], "synthetic-credit");
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>A standard normal draw (Box–Muller).</summary>
    internal static double Gaussian(ref SeededRandom rng)
    {
        var u1 = 1 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

/// <summary>
/// Who applies, for <see cref="SyntheticCredit"/>: the distribution of income (log-normal) and debt ratio (normal,
/// clamped to [0, 1.5]). Narrower distributions make applicants more alike, so any model separates them less well.
/// </summary>
/// <param name="LogIncomeMean">Mean of ln(income); baseline 10.4.</param>
/// <param name="LogIncomeSd">Standard deviation of ln(income); baseline 0.5.</param>
/// <param name="DebtRatioMean">Mean debt ratio; baseline 0.35.</param>
/// <param name="DebtRatioSd">Standard deviation of the debt ratio; baseline 0.15.</param>
public sealed record CreditPopulation(double LogIncomeMean, double LogIncomeSd, double DebtRatioMean, double DebtRatioSd)
{
    /// <summary>The population the examples and the demo's reference data come from.</summary>
    public static CreditPopulation Baseline { get; } = new(10.4, 0.5, 0.35, 0.15);

    /// <summary>Moves linearly from this population to <paramref name="target"/>; <paramref name="t"/> in [0, 1].</summary>
    public CreditPopulation Toward(CreditPopulation target, double t)
    {
        ArgumentNullException.ThrowIfNull(target);
        t = Math.Clamp(t, 0, 1);
        return new(Lerp(LogIncomeMean, target.LogIncomeMean), Lerp(LogIncomeSd, target.LogIncomeSd),
            Lerp(DebtRatioMean, target.DebtRatioMean), Lerp(DebtRatioSd, target.DebtRatioSd));
        double Lerp(double a, double b) => a + (b - a) * t;
    }
}
