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
    public static DataFrame Generate(int rows, long seed = 42)
    {
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
            income[i] = Math.Round(Math.Exp(10.4 + 0.5 * Gaussian(ref rng)) / 100) * 100;
            debt[i] = Math.Round(Math.Clamp(0.35 + 0.15 * Gaussian(ref rng), 0, 1.5), 3);
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
