using System.Text.Json;
using Vigil.Core.Data;
using Vigil.IO;
using Vigil.TestSupport;

namespace Vigil.Monitoring.Tests.Support;

/// <summary>NannyML's modified California housing data (../shared/data) and the sklearn/scipy monthly reference values.</summary>
public static class California
{
    private static readonly Lazy<DataFrame> ReferenceFrame = new(() => DataFile.Read(Paths.Data("nannyml_california_housing", "california_housing_reference.csv")));
    private static readonly Lazy<DataFrame> AnalysisFrame = new(() => DataFile.Read(Paths.Data("nannyml_california_housing", "california_housing_analysis.csv")));
    private static readonly Lazy<Dictionary<string, string>> GroundTruth = new(() =>
    {
        var gt = DataFile.Read(Paths.Data("nannyml_california_housing", "california_housing_analysis_gt.csv"));
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < gt.RowCount; i++) map[gt["id"].GetText(i)!] = gt["clf_target"].GetText(i)!;
        return map;
    });

    public static string ReferencePath => Paths.Data("nannyml_california_housing", "california_housing_reference.csv");

    public static DataFrame Reference => ReferenceFrame.Value;

    public static DataFrame Analysis => AnalysisFrame.Value;

    public static IReadOnlyDictionary<string, string> Labels => GroundTruth.Value;

    public static readonly string[] Features = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude"];

    public const string Config = """
        {"reference": {"format": "csv", "content_base64": "AA=="}, "label": "clf_target", "score": "y_pred_proba", "prediction": "y_pred",
         "window": "1M", "metrics": ["roc_auc", "f1", "accuracy"]}
        """;

    public static JsonElement Monthly()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Paths.Fixture("monitoring", "california_monthly.json")));
        return doc.RootElement.GetProperty("months").Clone();
    }
}
