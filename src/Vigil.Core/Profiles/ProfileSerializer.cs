using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Core.Data;
using Vigil.Core.Sketches;

namespace Vigil.Core.Profiles;

/// <summary>A profile file's content: one profile, or a set of per-segment profiles (<see cref="SegmentColumn"/> set).</summary>
/// <param name="Profiles">The profiles (one for a plain profile file).</param>
/// <param name="SegmentColumn">The column the set is segmented by; null for a plain profile file.</param>
public sealed record ProfileDocument(IReadOnlyList<DatasetProfile> Profiles, string? SegmentColumn)
{
    /// <summary>True for a per-segment set.</summary>
    public bool IsSegmentSet => SegmentColumn is not null;
}

/// <summary>
/// Reads and writes profiles. JSON (schema version 1):
/// <c>{"format": "vigil-profile", "schema_version": 1, "rows", "sources", "segment": {"column", "value"}|null,
/// "settings": {"quantile_k", "distinct_precision", "frequent_items"}, "columns": [{"name", "type", "count", "nulls",
/// "type_counts", "summary", "moments", "quantiles", "distinct", "frequent_items"}]}</c> — each sketch in its own
/// versioned form; <c>summary</c> (distinct estimate, quantiles, mean…) is for people and ignored when reading.
/// A per-segment set is <c>{"format": "vigil-profile-set", "schema_version": 1, "segment_column", "profiles": [...]}</c>.
/// The binary form (magic <c>VGLP</c>, version byte) holds the same content. Reading checks the format marker and
/// refuses another schema version; every failure is an <see cref="InvalidDataException"/> saying what was found.
/// Size: ≈ 6–8 KB per numeric column of a large file (KLL items dominate), far less for categorical columns.
/// </summary>
public static class ProfileSerializer
{
    /// <summary>The format marker of a profile.</summary>
    public const string Format = "vigil-profile";

    /// <summary>The format marker of a per-segment set.</summary>
    public const string SetFormat = "vigil-profile-set";

    /// <summary>The schema version this build writes and reads.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] Magic = "VGLP"u8.ToArray();
    private static readonly double[] SummaryQuantiles = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    /// <summary>The JSON text of one profile.</summary>
    public static string ToJson(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Render(w => WriteProfile(w, profile));
    }

    /// <summary>The JSON text of a per-segment set.</summary>
    public static string ToJson(IReadOnlyList<DatasetProfile> segments, string segmentColumn)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(segmentColumn);
        return Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("format", SetFormat);
            w.WriteNumber("schema_version", SchemaVersion);
            w.WriteString("segment_column", segmentColumn);
            w.WriteStartArray("profiles");
            foreach (var p in segments) WriteProfile(w, p);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>Parses a profile or a per-segment set.</summary>
    public static ProfileDocument FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException("not valid JSON: " + e.Message, e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("a profile must be a JSON object");
            var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            if (format == Format) return new ProfileDocument([ReadProfile(root)], null);
            if (format != SetFormat) throw new InvalidDataException($"not a Vigil profile (format is {(format is null ? "missing" : $"'{format}'")}, expected '{Format}' or '{SetFormat}')");
            CheckVersion(root);
            var column = SketchFormat.RequiredString(root, "segment_column", "profile set");
            if (!root.TryGetProperty("profiles", out var arr) || arr.ValueKind != JsonValueKind.Array) throw new InvalidDataException("profile set: missing 'profiles'");
            var list = new List<DatasetProfile>();
            foreach (var p in arr.EnumerateArray()) list.Add(ReadProfile(p));
            return new ProfileDocument(list, column);
        }
    }

    /// <summary>The binary form of one profile.</summary>
    public static byte[] ToBinary(DatasetProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write((byte)SchemaVersion);
            w.Write(profile.Rows);
            w.Write(profile.Settings.QuantileK); w.Write(profile.Settings.DistinctPrecision); w.Write(profile.Settings.FrequentItems);
            w.Write(profile.Sources.Count);
            foreach (var s in profile.Sources) w.Write(s);
            w.Write(profile.Segment is not null);
            if (profile.Segment is { } seg) { w.Write(seg.Column); w.Write(seg.Value is not null); if (seg.Value is not null) w.Write(seg.Value); }
            w.Write(profile.Columns.Count);
            foreach (var c in profile.Columns)
            {
                w.Write(c.Name); w.Write((byte)c.Type); w.Write(c.Count); w.Write(c.Nulls);
                w.Write(c.TypeCounts.Count);
                foreach (var (t, n) in c.TypeCounts) { w.Write((byte)t); w.Write(n); }
                w.Write(c.Moments is not null); c.Moments?.WriteBinary(w);
                w.Write(c.Quantiles is not null); c.Quantiles?.WriteBinary(w);
                c.Distinct.WriteBinary(w);
                w.Write(c.FrequentItems is not null); c.FrequentItems?.WriteBinary(w);
            }
        }
        return ms.ToArray();
    }

    /// <summary>Reads what <see cref="ToBinary"/> wrote.</summary>
    public static DatasetProfile FromBinary(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var r = new BinaryReader(new MemoryStream(data), Encoding.UTF8);
            if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic)) throw new InvalidDataException("not a binary Vigil profile (magic VGLP missing)");
            var version = r.ReadByte();
            if (version != SchemaVersion) throw new InvalidDataException($"profile schema_version {version} is not supported (this build reads version {SchemaVersion})");
            var rows = r.ReadInt64();
            var settings = new ProfileSettings(r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
            var sources = new string[CheckedCount(r.ReadInt32())];
            for (var i = 0; i < sources.Length; i++) sources[i] = r.ReadString();
            ProfileSegment? segment = null;
            if (r.ReadBoolean()) { var col = r.ReadString(); segment = new ProfileSegment(col, r.ReadBoolean() ? r.ReadString() : null); }
            var columns = new ColumnProfile[CheckedCount(r.ReadInt32())];
            for (var i = 0; i < columns.Length; i++)
            {
                var name = r.ReadString(); var type = ReadType(r.ReadByte()); var count = r.ReadInt64(); var nulls = r.ReadInt64();
                var types = new Dictionary<ColumnType, long>();
                var tc = CheckedCount(r.ReadInt32());
                for (var t = 0; t < tc; t++) types[ReadType(r.ReadByte())] = r.ReadInt64();
                var moments = r.ReadBoolean() ? RunningMoments.ReadBinary(r) : null;
                var kll = r.ReadBoolean() ? KllSketch.ReadBinary(r) : null;
                var hll = HyperLogLog.ReadBinary(r);
                var items = r.ReadBoolean() ? SpaceSaving.ReadBinary(r) : null;
                columns[i] = Check(new ColumnProfile(name, type, count, nulls, types, moments, kll, hll, items), settings);
            }
            return new DatasetProfile(rows, columns, sources, settings, segment);
        }
        catch (EndOfStreamException) { throw new InvalidDataException("binary profile is truncated"); }
        catch (ArgumentException e) { throw new InvalidDataException("binary profile is inconsistent: " + e.Message); }
    }

    private static int CheckedCount(int n) => n is >= 0 and <= 1_000_000 ? n : throw new InvalidDataException($"bad count {n} in binary profile");

    private static ColumnType ReadType(byte b) => Enum.IsDefined((ColumnType)b) ? (ColumnType)b : throw new InvalidDataException($"unknown column type {b}");

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options)) write(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string TypeName(ColumnType t) => t.ToString().ToLowerInvariant();

    private static ColumnType ParseType(string s) =>
        Enum.TryParse<ColumnType>(s, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(s, out _) ? t : throw new InvalidDataException($"unknown column type '{s}'");

    private static void WriteProfile(Utf8JsonWriter w, DatasetProfile p)
    {
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("schema_version", SchemaVersion);
        w.WriteNumber("rows", p.Rows);
        w.WriteStartArray("sources");
        foreach (var s in p.Sources) w.WriteStringValue(s);
        w.WriteEndArray();
        if (p.Segment is { } seg)
        {
            w.WriteStartObject("segment");
            w.WriteString("column", seg.Column);
            if (seg.Value is null) w.WriteNull("value"); else w.WriteString("value", seg.Value);
            w.WriteEndObject();
        }
        else w.WriteNull("segment");
        w.WriteStartObject("settings");
        w.WriteNumber("quantile_k", p.Settings.QuantileK);
        w.WriteNumber("distinct_precision", p.Settings.DistinctPrecision);
        w.WriteNumber("frequent_items", p.Settings.FrequentItems);
        w.WriteEndObject();
        w.WriteStartArray("columns");
        foreach (var c in p.Columns) WriteColumn(w, c);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter w, ColumnProfile c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("type", TypeName(c.Type));
        w.WriteNumber("count", c.Count);
        w.WriteNumber("nulls", c.Nulls);
        w.WriteStartObject("type_counts");
        foreach (var t in Enum.GetValues<ColumnType>())
            if (c.TypeCounts.TryGetValue(t, out var n)) w.WriteNumber(TypeName(t), n);
        w.WriteEndObject();
        w.WriteStartObject("summary");
        w.WriteNumber("distinct_estimate", Math.Round(c.DistinctEstimate, 1));
        if (c.Moments is { Count: > 0 } m)
        {
            SketchFormat.WriteNumber(w, "min", m.Min);
            SketchFormat.WriteNumber(w, "max", m.Max);
            SketchFormat.WriteNumber(w, "mean", m.Mean);
            SketchFormat.WriteNumber(w, "std", m.StandardDeviation);
        }
        if (c.Quantiles is { Count: > 0 } q)
        {
            w.WriteStartObject("quantiles");
            foreach (var p in SummaryQuantiles) SketchFormat.WriteNumber(w, p.ToString(CultureInfo.InvariantCulture), q.Quantile(p));
            w.WriteEndObject();
            w.WriteNumber("quantile_rank_error", q.NormalizedRankError());
        }
        w.WriteEndObject();
        if (c.Moments is null) w.WriteNull("moments"); else { w.WritePropertyName("moments"); c.Moments.WriteJson(w); }
        if (c.Quantiles is null) w.WriteNull("quantiles"); else { w.WritePropertyName("quantiles"); c.Quantiles.WriteJson(w); }
        w.WritePropertyName("distinct"); c.Distinct.WriteJson(w);
        if (c.FrequentItems is null) w.WriteNull("frequent_items"); else { w.WritePropertyName("frequent_items"); c.FrequentItems.WriteJson(w); }
        w.WriteEndObject();
    }

    private static void CheckVersion(JsonElement root)
    {
        var v = SketchFormat.RequiredLong(root, "schema_version", "profile");
        if (v != SchemaVersion) throw new InvalidDataException($"profile schema_version {v} is not supported (this build reads version {SchemaVersion})");
    }

    private static DatasetProfile ReadProfile(JsonElement e)
    {
        const string what = "profile";
        if (e.ValueKind != JsonValueKind.Object) throw new InvalidDataException("a profile must be a JSON object");
        var format = e.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        if (format != Format) throw new InvalidDataException($"not a Vigil profile (format is {(format is null ? "missing" : $"'{format}'")}, expected '{Format}')");
        CheckVersion(e);
        var rows = SketchFormat.RequiredLong(e, "rows", what);
        if (!e.TryGetProperty("settings", out var st) || st.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{what}: missing 'settings'");
        var settings = new ProfileSettings(SketchFormat.RequiredInt(st, "quantile_k", what), SketchFormat.RequiredInt(st, "distinct_precision", what), SketchFormat.RequiredInt(st, "frequent_items", what));
        var sources = new List<string>();
        if (e.TryGetProperty("sources", out var src) && src.ValueKind == JsonValueKind.Array)
            foreach (var s in src.EnumerateArray()) sources.Add(s.GetString() ?? "");
        ProfileSegment? segment = null;
        if (e.TryGetProperty("segment", out var sg) && sg.ValueKind == JsonValueKind.Object)
            segment = new ProfileSegment(SketchFormat.RequiredString(sg, "column", what),
                sg.TryGetProperty("value", out var sv) && sv.ValueKind == JsonValueKind.String ? sv.GetString() : null);
        if (!e.TryGetProperty("columns", out var cols) || cols.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{what}: missing 'columns'");
        var columns = new List<ColumnProfile>();
        foreach (var c in cols.EnumerateArray()) columns.Add(Check(ReadColumn(c), settings));
        try { return new DatasetProfile(rows, columns, sources, settings, segment); }
        catch (ArgumentException ex) { throw new InvalidDataException($"{what}: {ex.Message}"); }
    }

    private static ColumnProfile ReadColumn(JsonElement c)
    {
        var name = SketchFormat.RequiredString(c, "name", "column");
        var what = $"column '{name}'";
        var type = ParseType(SketchFormat.RequiredString(c, "type", what));
        var count = SketchFormat.RequiredLong(c, "count", what);
        var nulls = SketchFormat.RequiredLong(c, "nulls", what);
        var types = new Dictionary<ColumnType, long>();
        if (c.TryGetProperty("type_counts", out var tc) && tc.ValueKind == JsonValueKind.Object)
            foreach (var p in tc.EnumerateObject())
                types[ParseType(p.Name)] = p.Value.TryGetInt64(out var n) && n >= 0 ? n : throw new InvalidDataException($"{what}: bad type count");
        try
        {
            var moments = Optional(c, "moments", RunningMoments.ReadJson);
            var kll = Optional(c, "quantiles", KllSketch.ReadJson);
            if (!c.TryGetProperty("distinct", out var d)) throw new InvalidDataException("missing 'distinct'");
            var hll = HyperLogLog.ReadJson(d);
            var items = Optional(c, "frequent_items", SpaceSaving.ReadJson);
            return new ColumnProfile(name, type, count, nulls, types, moments, kll, hll, items);
        }
        catch (InvalidDataException e) { throw new InvalidDataException($"{what}: {e.Message}"); }
    }

    private static T? Optional<T>(JsonElement e, string name, Func<JsonElement, T> read) where T : class =>
        e.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? read(p) : null;

    private static ColumnProfile Check(ColumnProfile c, ProfileSettings s)
    {
        if (c.Count < 0 || c.Nulls < 0 || c.Nulls > c.Count) throw new InvalidDataException($"column '{c.Name}': count {c.Count} and nulls {c.Nulls} are inconsistent");
        if (c.Quantiles is { } k && k.K != s.QuantileK) throw new InvalidDataException($"column '{c.Name}': KLL k = {k.K} differs from the profile's {s.QuantileK}");
        if (c.Distinct.Precision != s.DistinctPrecision) throw new InvalidDataException($"column '{c.Name}': HyperLogLog precision {c.Distinct.Precision} differs from the profile's {s.DistinctPrecision}");
        return c;
    }
}
