using System.Globalization;
using System.Text;

namespace Vigil.Benchmarks;

/// <summary>Seeded in-memory inputs shaped like ../shared/bench/gen.py's w1 (CSV) and w2 (label, score) files.</summary>
internal static class SyntheticData
{
    /// <summary>Labels with prevalence 0.15 and calibrated-but-overconfident scores rounded to 6 decimals (as w2 writes them).</summary>
    public static (bool[] Labels, double[] Scores) Binary(int n, int seed = 20250601)
    {
        var rng = new Random(seed);
        var labels = new bool[n];
        var scores = new double[n];
        const double sep = 1.55, temp = 1.15;
        var prior = Math.Log(0.15 / 0.85);
        for (var i = 0; i < n; i++)
        {
            var y = rng.NextDouble() < 0.15;
            var z = Normal(rng) + (y ? sep : 0);
            var logit = prior + sep * z - sep * sep / 2;
            labels[i] = y;
            scores[i] = Math.Round(1 / (1 + Math.Exp(-temp * logit)), 6);
        }
        return (labels, scores);
    }

    /// <summary>A CSV with 20 numeric columns (%.6g-like) and 5 categorical ones, as UTF-8 bytes.</summary>
    public static byte[] Csv(int rows, int seed = 7)
    {
        var rng = new Random(seed);
        int[] cards = [3, 8, 20, 50, 200];
        var sb = new StringBuilder(rows * 190);
        for (var j = 0; j < 20; j++) sb.Append("num_").Append(j.ToString("00", CultureInfo.InvariantCulture)).Append(',');
        for (var c = 0; c < cards.Length; c++) sb.Append("cat_").Append(c).Append(c + 1 < cards.Length ? ',' : '\n');
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < 20; j++)
            {
                var v = (j % 5) switch
                {
                    0 => 10 * (j / 5) + Normal(rng) * (1 + j / 5),
                    1 => Math.Exp(3 + j / 5 + 0.5 * Normal(rng)),
                    2 => -1.5 * Math.Log(1 - rng.NextDouble()) * (2 + j / 5),
                    3 => rng.NextDouble(),
                    _ => rng.NextDouble() < 0.3 ? 5 + Normal(rng) : Normal(rng),
                };
                sb.Append(v.ToString("G6", CultureInfo.InvariantCulture)).Append(',');
            }
            for (var c = 0; c < cards.Length; c++)
            {
                sb.Append('k').Append(rng.Next(cards[c]).ToString("00", CultureInfo.InvariantCulture)).Append(c + 1 < cards.Length ? ',' : '\n');
            }
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A 0/1 error stream with error rate <paramref name="rate"/>.</summary>
    public static double[] Errors(int n, double rate, int seed = 3)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = rng.NextDouble() < rate ? 1 : 0;
        return x;
    }

    /// <summary>A standard normal stream.</summary>
    public static double[] Gaussian(int n, int seed = 5)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (var i = 0; i < n; i++) x[i] = Normal(rng);
        return x;
    }

    private static double Normal(Random rng)
    {
        // Box–Muller (one value per call is enough for benchmark inputs)
        var u = 1.0 - rng.NextDouble();
        var v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
