using Vigil.Core.Data;
using Vigil.Core.Drift.Multivariate;
using Vigil.IO;
using Vigil.Models;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Models.Tests;

public class DomainClassifierTests
{
    private static readonly string[] Columns = ["a", "b", "c", "kind"];

    /// <summary>Seeded rows: a, b, c standard normal (a with 5% missing), kind ∈ {x, y, z} with shares 0.5/0.3/0.2.</summary>
    private static DataFrame Synthetic(int rows, int seed, double shiftB = 0, double[]? kindShares = null)
    {
        var random = new Random(seed);
        var shares = kindShares ?? [0.5, 0.3, 0.2];
        var a = new double[rows];
        var b = new double[rows];
        var c = new double[rows];
        var kind = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = random.NextDouble() < 0.05 ? double.NaN : Normal(random);
            b[i] = Normal(random) + shiftB;
            c[i] = Normal(random);
            var u = random.NextDouble();
            kind[i] = u < shares[0] ? "x" : u < shares[0] + shares[1] ? "y" : "z";
        }
        return new DataFrame([new NumericColumn("a", a), new NumericColumn("b", b), new NumericColumn("c", c), CategoricalColumn.FromStrings("kind", kind)]);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void IdenticalDistributionsGiveAucNearHalfAndNoDrift()
    {
        var result = new GradientBoostedDomainClassifier().Run(Synthetic(2000, 1), Synthetic(2000, 2), Columns);
        // Under the null the out-of-fold AUC is 0.5 ± a DeLong SE of ≈ 0.009 here.
        Assert.InRange(result.Auc, 0.45, 0.55);
        Assert.False(result.Drift);
        Assert.True(result.AucLower < 0.5 + 1e-9 || result.Auc < 0.53, $"CI [{result.AucLower}, {result.AucUpper}]");
        Assert.Equal(2000, result.ReferenceRows);
        Assert.Equal(2000, result.CurrentRows);
        Assert.Equal("fasttree_gain", result.ImportanceMethod);
        Assert.Equal(1.0, result.Drivers.Sum(d => d.Importance), 6);
    }

    [Fact]
    public void AShiftedFeatureIsDetectedAndLeadsTheDrivers()
    {
        var result = new GradientBoostedDomainClassifier().Run(Synthetic(2000, 1), Synthetic(2000, 2, shiftB: 0.6), Columns);
        // A 0.6σ mean shift of one normal feature separates the sets with AUC Φ(0.6/√2) ≈ 0.66 at best.
        Assert.True(result.Drift);
        Assert.InRange(result.Auc, 0.6, 0.7);
        Assert.True(result.AucLower > 0.55);
        Assert.Equal("b", result.Drivers[0].Column);
        // Gain importance also credits splits that fit noise in the other columns, so b leads but does not dominate.
        Assert.True(result.Drivers[0].Importance > 0.3, string.Join(", ", result.Drivers.Select(d => $"{d.Column} {d.Importance:F3}")));
    }

    [Fact]
    public void AShiftedCategoryMixLeadsTheDrivers()
    {
        var result = new GradientBoostedDomainClassifier().Run(Synthetic(2000, 3), Synthetic(2000, 4, kindShares: [0.2, 0.3, 0.5]), Columns);
        Assert.True(result.Drift);
        Assert.Equal("kind", result.Drivers[0].Column);
    }

    [Fact]
    public void RowsAreSampledDownToTheCapPerSide()
    {
        var result = new GradientBoostedDomainClassifier().Run(Synthetic(1500, 5), Synthetic(900, 6), Columns,
            new DomainClassifierOptions { MaxRowsPerSide = 1000 });
        Assert.Equal(1000, result.ReferenceRows);
        Assert.Equal(900, result.CurrentRows);
    }

    [Fact]
    public void InvalidOptionsAreRejectedTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradientBoostedDomainClassifier().Run(Synthetic(50, 1), Synthetic(50, 2), Columns,
            new DomainClassifierOptions { Folds = 1, AucThreshold = 0.3 }));
        Assert.Contains("Folds", e.Message);
        Assert.Contains("AucThreshold", e.Message);
    }

    [Fact]
    public void NoUsableColumnIsACallerError()
    {
        var frame = new DataFrame([CategoricalColumn.FromStrings("note", ["a", "b"], ColumnType.Text)]);
        Assert.Throws<ArgumentException>(() => new GradientBoostedDomainClassifier().Run(frame, frame, ["note"]));
    }

    /// <summary>Issue 4: on NannyML's California housing example, reference vs analysis drift in Latitude and Longitude.</summary>
    [Fact]
    public void CaliforniaHousingDriftIsDrivenByLocation()
    {
        var reference = DataFile.Read(Paths.Data("nannyml_california_housing", "california_housing_reference.csv"));
        var analysis = DataFile.Read(Paths.Data("nannyml_california_housing", "california_housing_analysis.csv"));
        string[] features = ["MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude"];
        var result = new GradientBoostedDomainClassifier().Run(reference, analysis, features);
        Assert.True(result.Drift, $"AUC {result.Auc}");
        Console.WriteLine($"california AUC {result.Auc:F4} [{result.AucLower:F4}, {result.AucUpper:F4}] " + string.Join(", ", result.Drivers.Select(d => $"{d.Column} {d.Importance:F3}")));
        var top3 = result.Drivers.Take(3).Select(d => d.Column).ToArray();
        Assert.Contains("Latitude", top3);
        Assert.Contains("Longitude", top3);
        Assert.Empty(result.SkippedColumns);
    }
}
