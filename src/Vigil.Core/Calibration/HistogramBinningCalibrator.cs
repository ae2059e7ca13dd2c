using System.Text.Json;

namespace Vigil.Core.Calibration;

/// <summary>
/// Histogram binning (Zadrozny &amp; Elkan, ICML 2001): the score range is cut into bins (equal-width on [0, 1] or
/// equal-mass at the fit scores' quantiles, with the edge rule of <see cref="CalibrationBinning"/>), and a score
/// maps to the weighted observed positive frequency of its bin in the fit data. An empty bin maps to its
/// midpoint (lower + upper) / 2, i.e. it leaves such scores roughly unchanged. Cost O(n log B) to fit and apply.
/// </summary>
public sealed class HistogramBinningCalibrator : ICalibrator
{
    private readonly double[] _edges;
    private readonly double[] _values;

    /// <summary>Creates the map from B + 1 non-decreasing edges and B bin values.</summary>
    public HistogramBinningCalibrator(double[] edges, double[] values)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(values);
        if (edges.Length < 2 || values.Length != edges.Length - 1) throw new ArgumentException("Need B + 1 edges and B values.");
        for (var i = 1; i < edges.Length; i++)
            if (!(edges[i] >= edges[i - 1])) throw new ArgumentException("edges must be non-decreasing.", nameof(edges));
        _edges = edges;
        _values = values;
    }

    /// <summary>The bin edges.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>The calibrated value of each bin.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc />
    public string Method => "histogram";

    /// <inheritdoc />
    public CalibrationTask Task => CalibrationTask.Binary;

    /// <inheritdoc />
    public int Width => 1;

    /// <summary>Fits on scores in [0, 1] and labels with per-row weights (empty = 1).</summary>
    public static HistogramBinningCalibrator Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<double> weights, int bins = 10, BinningStrategy strategy = BinningStrategy.EqualWidth)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("scores and labels differ in length.", nameof(labels));
        foreach (var s in scores)
            if (!(s >= 0 && s <= 1)) throw new ArgumentException("scores must lie in [0, 1].", nameof(scores));
        var edges = strategy == BinningStrategy.EqualWidth
            ? CalibrationBinning.EqualWidthEdges(bins)
            : CalibrationBinning.EqualMassEdges(scores, weights, bins);
        var outcomes = new double[labels.Length];
        for (var i = 0; i < outcomes.Length; i++) outcomes[i] = labels[i] ? 1.0 : 0.0;
        var binned = CalibrationBinning.Accumulate(scores, outcomes, weights, edges);
        var values = new double[binned.Length];
        for (var b = 0; b < values.Length; b++)
            values[b] = binned[b].Count > 0 ? binned[b].ObservedFrequency : 0.5 * (edges[b] + edges[b + 1]);
        return new HistogramBinningCalibrator(edges, values);
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> scores, Span<double> calibrated)
    {
        if (calibrated.Length != scores.Length) throw new ArgumentException("calibrated must have the length of scores.", nameof(calibrated));
        for (var i = 0; i < scores.Length; i++)
            calibrated[i] = double.IsNaN(scores[i]) ? double.NaN : _values[CalibrationBinning.BinOf(scores[i], _edges)];
    }

    /// <inheritdoc />
    public void WriteParameters(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CalibratorJson.WriteDoubles(writer, "edges", _edges);
        CalibratorJson.WriteDoubles(writer, "values", _values);
    }

    internal static HistogramBinningCalibrator FromParameters(JsonElement parameters) =>
        new(CalibratorJson.ReadDoubles(parameters, "edges"), CalibratorJson.ReadDoubles(parameters, "values"));
}
