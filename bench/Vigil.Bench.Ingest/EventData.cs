using System.Globalization;
using System.Text;

namespace Vigil.Bench.Ingest;

/// <summary>
/// Event rows for the load: the 25 columns of ../shared/bench w1 data (num_00..num_19, cat_0..cat_4) plus a
/// deterministic score/prediction and an event time one second apart. Each row is pre-serialised as the JSON that
/// follows the id, so a request body is one id plus a memcpy per event.
/// </summary>
internal sealed class EventData
{
    public const string Header = "num_00,num_01,num_02,num_03,num_04,num_05,num_06,num_07,num_08,num_09,num_10,num_11,num_12,num_13,num_14,num_15,num_16,num_17,num_18,num_19,cat_0,cat_1,cat_2,cat_3,cat_4";
    public static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public required string[] Columns { get; init; }
    public required double[][] Numeric { get; init; }   // [row][20]
    public required string[][] Categorical { get; init; } // [row][5]
    public required double[] Scores { get; init; }
    public required byte[][] JsonTails { get; init; }    // `, "timestamp": ..., "features": {...}, "prediction": ..., "scores": ...}`
    public int Rows => Numeric.Length;

    public static DateTime TimeOf(int row) => Start.AddSeconds(row);

    public static EventData Load(string path, int maxRows)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty");
        if (header != Header) throw new InvalidDataException($"{path}: expected the w1 header ({Header})");
        var columns = header.Split(',');
        var numeric = new List<double[]>();
        var categorical = new List<string[]>();
        var texts = new List<string[]>();
        string? line;
        while (numeric.Count < maxRows && (line = reader.ReadLine()) is not null)
        {
            var parts = line.Split(',');
            var n = new double[20];
            for (int i = 0; i < 20; i++) n[i] = parts[i].Length == 0 ? double.NaN : double.Parse(parts[i], CultureInfo.InvariantCulture);
            numeric.Add(n);
            categorical.Add(parts[20..25]);
            texts.Add(parts);
        }
        var rng = new Random(20261127);
        var scores = new double[numeric.Count];
        var tails = new byte[numeric.Count][];
        var sb = new StringBuilder(700);
        for (int r = 0; r < numeric.Count; r++)
        {
            scores[r] = Math.Round(rng.NextDouble(), 6);
            sb.Clear();
            sb.Append(",\"timestamp\":\"").Append(TimeOf(r).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\",\"features\":{");
            for (int c = 0; c < 25; c++)
            {
                if (c > 0) sb.Append(',');
                sb.Append('"').Append(columns[c]).Append("\":");
                string v = texts[r][c];
                if (v.Length == 0) sb.Append("null");
                else if (c < 20) sb.Append(v);
                else sb.Append('"').Append(v).Append('"');
            }
            sb.Append("},\"prediction\":\"").Append(scores[r] >= 0.5 ? '1' : '0').Append("\",\"scores\":")
              .Append(scores[r].ToString("R", CultureInfo.InvariantCulture)).Append('}');
            tails[r] = Encoding.UTF8.GetBytes(sb.ToString());
        }
        return new EventData
        {
            Columns = columns, Numeric = numeric.ToArray(), Categorical = categorical.ToArray(), Scores = scores, JsonTails = tails,
        };
    }
}
