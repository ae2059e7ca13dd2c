using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Vigil.Monitoring.Windows;
using Vigil.Core.Drift;

namespace Vigil.Monitoring.Telemetry;

/// <summary>
/// Gauges of the latest closed window per model on the <see cref="System.Diagnostics.Metrics.Meter"/>
/// <c>Vigil.Monitoring</c> (exported by the server's Prometheus endpoint): <c>vigil_window_drift_share{model}</c>,
/// <c>vigil_feature_drift_detected{model,feature}</c> (0/1), <c>vigil_feature_drift_statistic{model,feature,method}</c>,
/// <c>vigil_feature_drift_p_value{model,feature,method}</c> (only for p-value methods: p-values and distances never share
/// a series, CONTRACTS.md "Server"), <c>vigil_estimated_metric{model,metric}</c>, <c>vigil_realized_metric{model,metric}</c>
/// and <c>vigil_alerts_firing{model}</c>. Values are read when the exporter collects; undefined values are not reported.
/// </summary>
public sealed class MonitoringTelemetry : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Vigil.Monitoring";

    private readonly ConcurrentDictionary<string, Snapshot> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _firing = new(StringComparer.Ordinal);

    /// <summary>Creates the meter and its gauges (through <paramref name="factory"/> when given, so DI owns it).</summary>
    public MonitoringTelemetry(IMeterFactory? factory = null)
    {
        Meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        Meter.CreateObservableGauge("vigil_window_drift_share", () => Each(s => s.DriftShare is { } v ? [Measure(v, ("model", s.Model))] : []),
            description: "Share of tested features that drifted in the latest closed window");
        Meter.CreateObservableGauge("vigil_feature_drift_detected", () => Each(s => s.Features.Select(f => Measure(f.Drift ? 1 : 0, ("model", s.Model), ("feature", f.Feature)))),
            description: "1 when the feature drifted in the latest closed window, else 0");
        Meter.CreateObservableGauge("vigil_feature_drift_statistic", () => Each(s => s.Features.Where(f => double.IsFinite(f.Statistic))
                .Select(f => Measure(f.Statistic, ("model", s.Model), ("feature", f.Feature), ("method", f.Method)))),
            description: "Drift statistic or distance of the feature's method in the latest closed window");
        Meter.CreateObservableGauge("vigil_feature_drift_p_value", () => Each(s => s.Features.Where(f => f.PValue is { } p && double.IsFinite(p))
                .Select(f => Measure(f.PValue!.Value, ("model", s.Model), ("feature", f.Feature), ("method", f.Method)))),
            description: "p-value of the feature's drift test in the latest closed window (p-value methods only)");
        Meter.CreateObservableGauge("vigil_estimated_metric", () => Each(s => s.Estimated.Where(p => double.IsFinite(p.Value))
                .Select(p => Measure(p.Value, ("model", s.Model), ("metric", p.Key)))),
            description: "Estimated performance (CBPE / DLE) of the latest closed window");
        Meter.CreateObservableGauge("vigil_realized_metric", () => Each(s => s.Realized.Where(p => double.IsFinite(p.Value))
                .Select(p => Measure(p.Value, ("model", s.Model), ("metric", p.Key)))),
            description: "Realised performance from labels of the latest closed window");
        Meter.CreateObservableGauge("vigil_alerts_firing", () => _firing.Select(p => Measure(p.Value, ("model", p.Key))),
            description: "Alerts firing per model");
    }

    /// <summary>The meter.</summary>
    public Meter Meter { get; }

    /// <summary>Records the latest closed window of a model.</summary>
    public void Record(string model, WindowComputation window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var features = window.Drift.Where(d => d.Result is not null)
            .Select(d => new FeatureGauge(d.Column, d.Result!.Method, d.Result.Drift, d.Result.Statistic,
                d.Result.ScoreKind == DriftScoreKind.PValue ? d.Result.PValue : null)).ToArray();
        var estimated = window.Performance.Estimated?.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal) ?? new Dictionary<string, double>();
        var realized = window.Performance.Realized?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, double>();
        _latest[model] = new Snapshot(model, window.Record.DriftShare, features, estimated, realized);
    }

    /// <summary>Updates the realised metrics of a model's latest window (after late labels).</summary>
    public void RecordRealized(string model, IReadOnlyDictionary<string, double>? realized)
    {
        if (_latest.TryGetValue(model, out var s))
            _latest[model] = s with { Realized = realized?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? new Dictionary<string, double>() };
    }

    /// <summary>Sets the number of firing alerts of a model.</summary>
    public void SetFiring(string model, int count) => _firing[model] = count;

    /// <summary>Forgets a model (e.g. its monitor was replaced).</summary>
    public void Forget(string model)
    {
        _latest.TryRemove(model, out _);
        _firing.TryRemove(model, out _);
    }

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<double>> Each(Func<Snapshot, IEnumerable<Measurement<double>>> select) => _latest.Values.SelectMany(select);

    private static Measurement<double> Measure(double value, params (string Key, string Value)[] tags) =>
        new(value, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)).ToArray());

    private sealed record FeatureGauge(string Feature, string Method, bool Drift, double Statistic, double? PValue);

    private sealed record Snapshot(string Model, double? DriftShare, FeatureGauge[] Features, IReadOnlyDictionary<string, double> Estimated, IReadOnlyDictionary<string, double> Realized);
}
