using System.Text.Json;

namespace Vigil.Core.Calibration;

/// <summary>
/// Platt scaling (Platt 1999): p = 1 / (1 + exp(−(a·s + b))), fitted by unregularised weighted maximum likelihood
/// on the <b>raw score s</b> (not its logit), i.e. the same fit as scikit-learn
/// <c>LogisticRegression(C=very large)</c> on the one-column matrix of scores (coef_ = a, intercept_ = b).
/// Platt's target smoothing ((N₊+1)/(N₊+2)) is <i>not</i> applied, so the fit matches scikit-learn.
/// Solved by Newton–Raphson with step halving (the log-likelihood is concave); cost O(n) per iteration,
/// typically under 10 iterations. Perfectly separated data has no finite optimum: the fit stops after
/// 100 iterations with a very steep slope (scikit-learn also returns large coefficients there).
/// </summary>
public sealed class PlattCalibrator : ICalibrator
{
    /// <summary>Creates the map from its coefficients.</summary>
    public PlattCalibrator(double slope, double intercept)
    {
        if (!double.IsFinite(slope) || !double.IsFinite(intercept)) throw new ArgumentException("Platt coefficients must be finite.");
        Slope = slope;
        Intercept = intercept;
    }

    /// <summary>a: the coefficient of the score (scikit-learn <c>coef_[0, 0]</c>).</summary>
    public double Slope { get; }

    /// <summary>b: the intercept (scikit-learn <c>intercept_[0]</c>).</summary>
    public double Intercept { get; }

    /// <inheritdoc />
    public string Method => "platt";

    /// <inheritdoc />
    public CalibrationTask Task => CalibrationTask.Binary;

    /// <inheritdoc />
    public int Width => 1;

    /// <summary>Fits on scores and labels (true = positive) with per-row weights (empty = 1).</summary>
    public static PlattCalibrator Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<double> weights)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length.", nameof(labels));
        CalibrationBinning.CheckWeights(scores.Length, weights);
        double total = 0, positive = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i])) throw new ArgumentException($"score at row {i} is not finite.", nameof(scores));
            var w = weights.IsEmpty ? 1.0 : weights[i];
            total += w;
            if (labels[i]) positive += w;
        }
        if (total <= 0) throw new ArgumentException("No row has a positive weight.", nameof(weights));
        if (positive <= 0 || positive >= total) throw new ArgumentException("Platt scaling needs both classes in the labels.", nameof(labels));

        var a = 0.0;
        var b = Math.Log(positive / (total - positive));
        var loss = NegativeLogLikelihood(scores, labels, weights, a, b);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (var i = 0; i < scores.Length; i++)
            {
                var w = weights.IsEmpty ? 1.0 : weights[i];
                if (w == 0) continue;
                var x = scores[i];
                var p = Sigmoid(a * x + b);
                var r = p - (labels[i] ? 1.0 : 0.0);
                ga += w * r * x;
                gb += w * r;
                var v = w * p * (1 - p);
                haa += v * x * x;
                hab += v * x;
                hbb += v;
            }
            var det = haa * hbb - hab * hab;
            if (!(det > 0)) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            var step = 1.0;
            double na = a, nb = b, newLoss = loss;
            for (var halving = 0; halving < 60; halving++)
            {
                na = a - step * da;
                nb = b - step * db;
                newLoss = NegativeLogLikelihood(scores, labels, weights, na, nb);
                if (newLoss <= loss) break;
                step *= 0.5;
            }
            if (!(newLoss <= loss)) break;
            var moved = Math.Abs(na - a) + Math.Abs(nb - b);
            a = na; b = nb;
            var improvement = loss - newLoss;
            loss = newLoss;
            if (moved <= 1e-15 * (1 + Math.Abs(a) + Math.Abs(b)) || (improvement <= 1e-17 * total && moved <= 1e-10 * (1 + Math.Abs(a) + Math.Abs(b))))
                break;
        }
        return new PlattCalibrator(a, b);
    }

    private static double NegativeLogLikelihood(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<double> weights, double a, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (w == 0) continue;
            var z = a * scores[i] + b;
            // −log σ(z) = log(1 + e^{−z}); −log(1 − σ(z)) = log(1 + e^{z}); both evaluated stably.
            sum += w * Softplus(labels[i] ? -z : z);
        }
        return sum;
    }

    private static double Softplus(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> scores, Span<double> calibrated)
    {
        if (calibrated.Length != scores.Length) throw new ArgumentException("calibrated must have the length of scores.", nameof(calibrated));
        for (var i = 0; i < scores.Length; i++) calibrated[i] = Sigmoid(Slope * scores[i] + Intercept);
    }

    /// <inheritdoc />
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("input", "score");
        writer.WriteNumber("slope", Slope);
        writer.WriteNumber("intercept", Intercept);
    }

    internal static PlattCalibrator FromParameters(JsonElement parameters) =>
        new(parameters.GetProperty("slope").GetDouble(), parameters.GetProperty("intercept").GetDouble());
}
