using Vigil.Core.Data;
using Vigil.Monitoring.Configuration;
using Vigil.Storage;

namespace Vigil.Monitoring.Reference;

/// <summary>
/// Derives a model's <see cref="FeatureSchema"/> from its monitor's reference data: the configured features, else
/// every reference column except the label, score, prediction, id and timestamp columns (by configuration, and the
/// columns named <c>id</c> / <c>timestamp</c> and every timestamp-typed column by default). A column read as numbers
/// is <see cref="FeatureKind.Numeric"/>; strings, booleans and text are <see cref="FeatureKind.Categorical"/>.
/// </summary>
public static class FeatureSchemaBuilder
{
    /// <summary>
    /// The schema; throws <see cref="MonitorConfigException"/> when a configured column is not in the reference
    /// (listing the columns it has) or no feature is left.
    /// </summary>
    public static FeatureSchema Build(DataFrame reference, MonitorConfig config)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(config);
        var columns = string.Join(", ", reference.ColumnNames);
        void Require(string? name, string path)
        {
            if (name is not null && !reference.Contains(name))
                throw new MonitorConfigException(path, $"column '{name}' is not in the reference data (columns: {columns})");
        }
        Require(config.Label, "label");
        Require(config.Score, "score");
        Require(config.Prediction, "prediction");
        Require(config.Id, "id");
        Require(config.Timestamp, "timestamp");
        var excluded = Excluded(reference, config);
        var names = new List<string>();
        if (config.Features is { } features)
        {
            for (var i = 0; i < features.Count; i++)
            {
                Require(features[i], $"features[{i}]");
                if (excluded.Contains(features[i]))
                    throw new MonitorConfigException($"features[{i}]", $"'{features[i]}' is the label, score, prediction, id or timestamp column; it cannot be a feature");
                if (!names.Contains(features[i])) names.Add(features[i]);
            }
        }
        else
        {
            foreach (var c in reference.Columns)
                if (!excluded.Contains(c.Name)) names.Add(c.Name);
        }
        if (names.Count == 0) throw new MonitorConfigException("features", $"no feature columns left in the reference data (columns: {columns})");
        foreach (var column in config.Drift.Overrides.Keys)
            if (!names.Contains(column))
                throw new MonitorConfigException($"drift.overrides.{column}", $"'{column}' is not a monitored feature (features: {string.Join(", ", names)})");
        var fields = new List<FeatureField>(names.Count);
        foreach (var n in names) fields.Add(new FeatureField(n, reference[n] is NumericColumn ? FeatureKind.Numeric : FeatureKind.Categorical));
        return new FeatureSchema(fields);
    }

    /// <summary>The columns that are never features: label, score, prediction, id and timestamp columns.</summary>
    public static HashSet<string> Excluded(DataFrame reference, MonitorConfig config)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(config);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in new[] { config.Label, config.Score, config.Prediction, config.Id, config.Timestamp })
            if (n is not null) excluded.Add(n);
        foreach (var c in reference.Columns)
        {
            if (c.Type == ColumnType.Timestamp) excluded.Add(c.Name);
            if (config.Id is null && c.Name.Equals("id", StringComparison.OrdinalIgnoreCase)) excluded.Add(c.Name);
            if (config.Timestamp is null && c.Name.Equals("timestamp", StringComparison.OrdinalIgnoreCase)) excluded.Add(c.Name);
        }
        return excluded;
    }
}
