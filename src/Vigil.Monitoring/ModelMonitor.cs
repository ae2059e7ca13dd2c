using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Windows;
using Vigil.Storage;

namespace Vigil.Monitoring;

/// <summary>
/// What the service keeps per monitored model between ticks: the parsed configuration and the window calculator
/// (with its cached reference work) for the stored monitor version, plus the notifications not handled yet.
/// </summary>
internal sealed class ModelMonitor
{
    public ModelMonitor(MonitorRecord record, ModelRecord model, MonitorConfig config, WindowCalculator calculator)
    {
        Record = record;
        Model = model;
        Config = config;
        Calculator = calculator;
    }

    /// <summary>The stored monitor this state was built from (rebuilt when it changes).</summary>
    public MonitorRecord Record { get; }

    public ModelRecord Model { get; }

    public MonitorConfig Config { get; }

    public WindowCalculator Calculator { get; }

    /// <summary>
    /// True when <paramref name="record"/> is the same monitor (configuration and reference); the update time is not
    /// compared because stores keep it to the microsecond only.
    /// </summary>
    public bool Matches(MonitorRecord record) =>
        record.ReferenceDatasetId == Record.ReferenceDatasetId && record.ConfigJson == Record.ConfigJson;
}

/// <summary>Notifications for one model gathered since the last tick.</summary>
internal sealed class PendingWork
{
    /// <summary>Earliest event time of predictions appended since the last tick.</summary>
    public DateTime? MinEvent { get; set; }

    /// <summary>Latest event time of predictions appended since the last tick.</summary>
    public DateTime? MaxEvent { get; set; }

    /// <summary>Event times of predictions that got labels since the last tick.</summary>
    public HashSet<DateTime> LabelTimes { get; } = [];

    public void AddPredictions(DateTime min, DateTime max)
    {
        MinEvent = MinEvent is { } a && a < min ? a : min;
        MaxEvent = MaxEvent is { } b && b > max ? b : max;
    }
}
