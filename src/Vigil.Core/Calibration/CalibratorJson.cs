using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Core.Calibration;

/// <summary>
/// Reads and writes calibrator files:
/// <c>{"format": "vigil-calibrator", "version": 1, "method": "isotonic", "task": "binary", "parameters": {...}}</c>.
/// Loading checks the format marker, refuses a version newer than <see cref="CurrentVersion"/> and, when an
/// expected task is given, a calibrator fitted for another task; each failure is an
/// <see cref="InvalidDataException"/> whose message says what was found and what was expected.
/// </summary>
public static class CalibratorJson
{
    /// <summary>The format marker.</summary>
    public const string Format = "vigil-calibrator";

    /// <summary>The file version this build writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Serialises <paramref name="calibrator"/> (indented UTF-8 JSON text).</summary>
    public static string Serialize(ICalibrator calibrator)
    {
        ArgumentNullException.ThrowIfNull(calibrator);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteString("method", calibrator.Method);
            writer.WriteString("task", TaskName(calibrator.Task));
            writer.WriteStartObject("parameters");
            calibrator.WriteParameters(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses a calibrator; <paramref name="expectedTask"/> (when given) must match the file's task.</summary>
    public static ICalibrator Deserialize(string json, CalibrationTask? expectedTask = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException("Calibrator file is not valid JSON: " + e.Message, e); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw new InvalidDataException($"Not a Vigil calibrator file (expected \"format\": \"{Format}\").");
            if (!root.TryGetProperty("version", out var versionElement) || !versionElement.TryGetInt32(out var version) || version < 1)
                throw new InvalidDataException("Calibrator file has no valid \"version\".");
            if (version > CurrentVersion)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"Calibrator file version {version} was written by a newer Vigil; this build reads versions up to {CurrentVersion}."));
            var method = RequiredString(root, "method");
            var taskText = RequiredString(root, "task");
            var task = taskText switch
            {
                "binary" => CalibrationTask.Binary,
                "multiclass" => CalibrationTask.Multiclass,
                _ => throw new InvalidDataException($"Calibrator file has unknown task \"{taskText}\" (expected binary or multiclass)."),
            };
            if (expectedTask is { } expected && expected != task)
                throw new InvalidDataException($"Calibrator was fitted for a {taskText} task, but the data is {TaskName(expected)}.");
            if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException("Calibrator file has no \"parameters\" object.");
            try
            {
                return (method, task) switch
                {
                    ("platt", CalibrationTask.Binary) => PlattCalibrator.FromParameters(parameters),
                    ("isotonic", CalibrationTask.Binary) => IsotonicCalibrator.FromParameters(parameters),
                    ("histogram", CalibrationTask.Binary) => HistogramBinningCalibrator.FromParameters(parameters),
                    ("temperature", CalibrationTask.Multiclass) => TemperatureScalingCalibrator.FromParameters(parameters),
                    _ => throw new InvalidDataException($"Unknown calibrator method \"{method}\" for task {taskText} (known: platt, isotonic, histogram for binary; temperature for multiclass)."),
                };
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                throw new InvalidDataException($"Calibrator \"{method}\" has invalid parameters: {e.Message}", e);
            }
        }
    }

    internal static string TaskName(CalibrationTask task) => task == CalibrationTask.Binary ? "binary" : "multiclass";

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new InvalidDataException($"Calibrator file has no \"{name}\" string.");

    internal static double[] ReadDoubles(JsonElement parameters, string name)
    {
        var e = parameters.GetProperty(name);
        var result = new double[e.GetArrayLength()];
        var i = 0;
        foreach (var x in e.EnumerateArray()) result[i++] = x.GetDouble();
        return result;
    }

    internal static void WriteDoubles(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values) writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }
}
