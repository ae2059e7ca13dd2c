using System.Diagnostics.Metrics;

namespace Vigil.Server.Ingest;

/// <summary>
/// Ingest telemetry on the meter <see cref="MeterName"/>: counters <c>vigil_events_ingested</c> (events newly
/// stored), <c>vigil_events_rejected</c> (per-event rejects) and <c>vigil_labels_ingested</c>, and the histogram
/// <c>vigil_ingest_duration_seconds</c> (whole request, body read to commit); all tagged <c>model</c>.
/// The Prometheus exporter must subscribe to the meter (<c>AddMeter(IngestMetrics.MeterName)</c>).
/// </summary>
public sealed class IngestMetrics
{
    /// <summary>The meter name, <c>Vigil.Ingest</c>.</summary>
    public const string MeterName = "Vigil.Ingest";

    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private readonly Counter<long> _ingested, _rejected, _labels;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _ingested = meter.CreateCounter<long>("vigil_events_ingested", "{event}", "Prediction events newly stored.");
        _rejected = meter.CreateCounter<long>("vigil_events_rejected", "{event}", "Prediction events rejected one by one (bad id, time, feature, score).");
        _labels = meter.CreateCounter<long>("vigil_labels_ingested", "{label}", "Labels stored.");
        _duration = meter.CreateHistogram<double>("vigil_ingest_duration_seconds", "s", "Ingest request time from body read to commit.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    internal void RecordPredictions(string model, int ingested, int rejected, double seconds)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        if (ingested > 0) _ingested.Add(ingested, tag);
        if (rejected > 0) _rejected.Add(rejected, tag);
        _duration.Record(seconds, tag);
    }

    internal void RecordLabels(string model, int stored, int rejected, double seconds)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        if (stored > 0) _labels.Add(stored, tag);
        if (rejected > 0) _rejected.Add(rejected, tag);
        _duration.Record(seconds, tag);
    }
}
