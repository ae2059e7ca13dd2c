using System.Text.Json;

namespace Vigil.Core.Calibration;

/// <summary>
/// Temperature scaling for multiclass outputs (Guo et al., ICML 2017): calibrated p_i = softmax(z_i / T) with one
/// temperature T &gt; 0 minimising the weighted mean log loss
/// L(T) = (1/W) Σ w_i [log Σ_c exp(z_ic / T) − z_{i,y_i} / T].
/// The input is either logits z or probabilities; probabilities are turned into logits by z = log(max(p, 1e-300))
/// (softmax ignores the per-row constant, so softmax(log p) = p at T = 1).
/// The loss is convex in β = 1/T (a log-sum-exp of linear functions minus a linear one), so it is minimised by
/// Newton's method on β safeguarded by bisection. When no finite optimum exists (β* ≤ 0: the outputs are no
/// better than uniform; or β* = ∞: every row is correctly separated) β is clamped to [1e-6, 1e6].
/// Cost O(n·K) per iteration, about 10 iterations.
/// </summary>
public sealed class TemperatureScalingCalibrator : ICalibrator
{
    private const double MinimumBeta = 1e-6;
    private const double MaximumBeta = 1e6;

    /// <summary>Creates the map.</summary>
    public TemperatureScalingCalibrator(double temperature, int classCount, bool inputIsLogits)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature)) throw new ArgumentException("temperature must be positive and finite.", nameof(temperature));
        if (classCount < 2) throw new ArgumentException("classCount must be at least 2.", nameof(classCount));
        Temperature = temperature;
        ClassCount = classCount;
        InputIsLogits = inputIsLogits;
    }

    /// <summary>The fitted temperature T.</summary>
    public double Temperature { get; }

    /// <summary>K.</summary>
    public int ClassCount { get; }

    /// <summary>True when the inputs are logits; false when they are probabilities.</summary>
    public bool InputIsLogits { get; }

    /// <inheritdoc />
    public string Method => "temperature";

    /// <inheritdoc />
    public CalibrationTask Task => CalibrationTask.Multiclass;

    /// <inheritdoc />
    public int Width => ClassCount;

    /// <summary>
    /// Fits T on row-major n × K <paramref name="outputs"/> (logits or probabilities), class-index labels and
    /// per-row weights (empty = 1).
    /// </summary>
    public static TemperatureScalingCalibrator Fit(ReadOnlySpan<double> outputs, int classCount, ReadOnlySpan<int> labels, ReadOnlySpan<double> weights, bool inputIsLogits)
    {
        if (classCount < 2) throw new ArgumentException("classCount must be at least 2.", nameof(classCount));
        var n = labels.Length;
        if (outputs.Length != n * classCount) throw new ArgumentException("outputs must hold labels.Length × classCount values.", nameof(outputs));
        CalibrationBinning.CheckWeights(n, weights);
        var z = ToLogits(outputs, inputIsLogits);
        for (var i = 0; i < n; i++)
            if ((uint)labels[i] >= (uint)classCount) throw new ArgumentException($"label {labels[i]} at row {i} is not a class index.", nameof(labels));

        // Bracket the root of dL/dβ: derivative(lo) < 0 < derivative(hi).
        double lo = MinimumBeta, hi = 1.0;
        var (dLo, _) = Derivatives(z, classCount, labels, weights, lo);
        if (dLo >= 0) return new TemperatureScalingCalibrator(1 / MinimumBeta, classCount, inputIsLogits);
        while (Derivatives(z, classCount, labels, weights, hi).First < 0)
        {
            lo = hi;
            hi *= 4;
            if (hi > MaximumBeta) return new TemperatureScalingCalibrator(1 / MaximumBeta, classCount, inputIsLogits);
        }
        var beta = 1.0 > lo && 1.0 < hi ? 1.0 : 0.5 * (lo + hi);
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var (d1, d2) = Derivatives(z, classCount, labels, weights, beta);
            if (d1 == 0) break;
            if (d1 < 0) lo = beta; else hi = beta;
            var next = d2 > 0 ? beta - d1 / d2 : double.NaN;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            var change = Math.Abs(next - beta);
            beta = next;
            if (change <= 1e-15 * beta || hi - lo <= 1e-15 * beta) break;
        }
        return new TemperatureScalingCalibrator(1 / beta, classCount, inputIsLogits);
    }

    /// <summary>The weighted mean log loss at temperature <paramref name="temperature"/> (for diagnostics and tests).</summary>
    public static double LogLoss(ReadOnlySpan<double> outputs, int classCount, ReadOnlySpan<int> labels, ReadOnlySpan<double> weights, bool inputIsLogits, double temperature)
    {
        var z = ToLogits(outputs, inputIsLogits);
        var beta = 1 / temperature;
        double sum = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            var row = z.AsSpan(i * classCount, classCount);
            var max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, beta * v);
            var s = 0.0;
            foreach (var v in row) s += Math.Exp(beta * v - max);
            sum += w * (max + Math.Log(s) - beta * row[labels[i]]);
            total += w;
        }
        return sum / total;
    }

    // First and second derivatives of L(β) = (1/W) Σ w [LSE(β z) − β z_y]: E_q[z] − z_y and Var_q[z].
    private static (double First, double Second) Derivatives(double[] z, int k, ReadOnlySpan<int> labels, ReadOnlySpan<double> weights, double beta)
    {
        double d1 = 0, d2 = 0, total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (w == 0) continue;
            var row = z.AsSpan(i * k, k);
            var max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, beta * v);
            double s = 0, sz = 0, szz = 0;
            foreach (var v in row)
            {
                var e = Math.Exp(beta * v - max);
                s += e;
                sz += e * v;
                szz += e * v * v;
            }
            var mean = sz / s;
            d1 += w * (mean - row[labels[i]]);
            d2 += w * Math.Max(0, szz / s - mean * mean);
            total += w;
        }
        if (total <= 0) throw new ArgumentException("No row has a positive weight.", nameof(weights));
        return (d1 / total, d2 / total);
    }

    private static double[] ToLogits(ReadOnlySpan<double> outputs, bool inputIsLogits)
    {
        var z = new double[outputs.Length];
        for (var i = 0; i < z.Length; i++)
        {
            var v = outputs[i];
            if (inputIsLogits)
            {
                if (!double.IsFinite(v)) throw new ArgumentException($"logit at position {i} is not finite.", nameof(outputs));
                z[i] = v;
            }
            else
            {
                if (!(v >= 0 && v <= 1)) throw new ArgumentException($"probability at position {i} is outside [0, 1].", nameof(outputs));
                z[i] = Math.Log(Math.Max(v, 1e-300));
            }
        }
        return z;
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> scores, Span<double> calibrated)
    {
        if (calibrated.Length != scores.Length || scores.Length % ClassCount != 0)
            throw new ArgumentException("scores must be n × K and calibrated the same length.", nameof(calibrated));
        var k = ClassCount;
        var beta = 1 / Temperature;
        Span<double> row = k <= 256 ? stackalloc double[k] : new double[k];
        for (var i = 0; i < scores.Length; i += k)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                var v = scores[i + c];
                row[c] = beta * (InputIsLogits ? v : Math.Log(Math.Max(v, 1e-300)));
                max = Math.Max(max, row[c]);
            }
            var s = 0.0;
            for (var c = 0; c < k; c++) { row[c] = Math.Exp(row[c] - max); s += row[c]; }
            for (var c = 0; c < k; c++) calibrated[i + c] = row[c] / s;
        }
    }

    /// <inheritdoc />
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumber("temperature", Temperature);
        writer.WriteNumber("classes", ClassCount);
        writer.WriteString("input", InputIsLogits ? "logits" : "probabilities");
    }

    internal static TemperatureScalingCalibrator FromParameters(JsonElement parameters)
    {
        var input = parameters.GetProperty("input").GetString();
        if (input is not ("logits" or "probabilities")) throw new FormatException("input must be logits or probabilities.");
        return new(parameters.GetProperty("temperature").GetDouble(), parameters.GetProperty("classes").GetInt32(), input == "logits");
    }
}
