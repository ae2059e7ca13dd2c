using System.Text;
using System.Text.Json;
using Vigil.Core.Drift;
using Vigil.TestSupport;
using Xunit;

namespace Vigil.Core.Tests.Drift;

/// <summary>Statistic and p-value of every method against scipy 1.10 (tests/fixtures/gen_drift.py): 1e-6 relative or 1e-12 absolute.</summary>
public class ScipyParityTests
{
    private const double Relative = 1e-6, Absolute = 1e-12;

    public static TheoryData<string> NumericCases()
    {
        var data = new TheoryData<string>();
        using var doc = Fixture.Load("drift/numeric.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static TheoryData<string> CategoricalCases()
    {
        var data = new TheoryData<string>();
        using var doc = Fixture.Load("drift/categorical.json");
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public void NumericMethodsMatchScipy(string name)
    {
        using var doc = Fixture.Load("drift/numeric.json");
        var c = Find(doc, name);
        var reference = c.GetProperty("reference").Doubles();
        var current = c.GetProperty("current").Doubles();
        var failures = new StringBuilder();
        var catalog = DriftMethodCatalog.Default;
        foreach (var e in c.GetProperty("expected").EnumerateObject())
        {
            var result = catalog.GetNumeric(e.Name).Compute(reference, current);
            Check(failures, e.Name, e.Value, result);
        }
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Theory]
    [MemberData(nameof(CategoricalCases))]
    public void CategoricalMethodsMatchScipy(string name)
    {
        using var doc = Fixture.Load("drift/categorical.json");
        var c = Find(doc, name);
        var counts = new CategoryCounts(c.GetProperty("categories").Strings(),
            Array.ConvertAll(c.GetProperty("reference").Ints(), x => (long)x), Array.ConvertAll(c.GetProperty("current").Ints(), x => (long)x));
        Assert.Equal(c.GetProperty("unseen").Strings(), counts.UnseenCategories);
        var failures = new StringBuilder();
        foreach (var e in c.GetProperty("expected").EnumerateObject())
        {
            var result = DriftMethodCatalog.Default.GetCategorical(e.Name).Compute(counts);
            Check(failures, e.Name, e.Value, result);
            if (counts.UnseenCategories.Count > 0) Assert.Equal(counts.UnseenCategories, result.UnseenCategories);
        }
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void KolmogorovSurvivalMatchesScipyKstwoAndSmirnov()
    {
        using var doc = Fixture.Load("drift/kolmogorov.json");
        var failures = new StringBuilder();
        foreach (var p in doc.RootElement.GetProperty("points").EnumerateArray())
        {
            var n = p.GetProperty("n").GetInt32();
            var x = p.GetProperty("x").GetDouble();
            Compare(failures, $"kstwo.sf({x}, {n})", p.GetProperty("sf").Number(), KolmogorovDistribution.Survival(n, x));
            Compare(failures, $"smirnov({n}, {x})", p.GetProperty("smirnov").Number(), KolmogorovDistribution.Smirnov(n, x));
        }
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void BenjaminiHochbergMatchesFdrBh()
    {
        using var doc = Fixture.Load("drift/fdr.json");
        var expected = doc.RootElement.GetProperty("adjusted").Doubles();
        var actual = BenjaminiHochberg.Adjust(doc.RootElement.GetProperty("p").Doubles());
        for (var i = 0; i < expected.Length; i++) Approx.Equal(expected[i], actual[i], 1e-12, 1e-15, $"adjusted[{i}]");
    }

    private static JsonElement Find(JsonDocument doc, string name)
    {
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("name").GetString() == name) return c.Clone();
        throw new InvalidOperationException(name);
    }

    private static void Check(StringBuilder failures, string method, JsonElement expected, DriftStatistic actual)
    {
        Compare(failures, method + ".statistic", expected[0].Number(), actual.Statistic);
        if (expected[1].ValueKind == JsonValueKind.Number)
            Compare(failures, method + ".p_value", expected[1].GetDouble(), actual.PValue ?? double.NaN);
        else if (actual.PValue is not null)
            failures.AppendLine($"{method}: expected no p-value (distance), got {actual.PValue}");
    }

    private static void Compare(StringBuilder failures, string what, double expected, double actual)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (double.IsPositiveInfinity(expected) && double.IsPositiveInfinity(actual)) return;
        var tolerance = Math.Max(Absolute, Relative * Math.Abs(expected));
        if (!(Math.Abs(expected - actual) <= tolerance))
            failures.AppendLine($"{what}: scipy {expected:R}, Vigil {actual:R}");
    }
}
