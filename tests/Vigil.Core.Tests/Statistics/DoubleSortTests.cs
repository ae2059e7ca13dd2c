using FsCheck;
using FsCheck.Fluent;
using Vigil.Core.Statistics.Sorting;
using Xunit;

namespace Vigil.Core.Tests.Statistics;

/// <summary>
/// <see cref="DoubleSort"/> against the BCL's <see cref="Array.Sort(Array)"/> (the independent reference): same
/// values in the same order, NaN first, −0.0 and +0.0 equal (both kept; −0.0 first on the radix path).
/// </summary>
public class DoubleSortTests
{
    private static readonly double[] Specials =
    [
        0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.MaxValue, double.MinValue,
        double.Epsilon, -double.Epsilon, 1.0, -1.0, 2.2250738585072014E-308, -2.2250738585072014E-308, 0.1, -0.1,
        BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001), // a positive NaN with a payload
    ];

    private static void AssertSortedLikeArraySort(double[] input)
    {
        var expected = (double[])input.Clone();
        Array.Sort(expected);
        var actual = (double[])input.Clone();
        DoubleSort.Ascending(actual);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"index {i}: expected NaN, got {actual[i]}");
            else Assert.True(expected[i] == actual[i], $"index {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
        // zeros keep their signs (a permutation, not a rewrite); on the radix path −0.0 comes first within the zero run
        var negativeZeros = input.Count(x => x == 0 && double.IsNegative(x));
        Assert.Equal(negativeZeros, actual.Count(x => x == 0 && double.IsNegative(x)));
        if (input.Length < DoubleSort.RadixThreshold) return;
        var firstZero = Array.FindIndex(actual, x => x == 0);
        for (var i = 0; i < negativeZeros; i++) Assert.True(double.IsNegative(actual[firstZero + i]));
    }

    /// <summary>FsCheck's doubles (NaN, ±∞, ±0, subnormals included), cycled up to a length that takes the radix path.</summary>
    [FsCheck.Xunit.Property(MaxTest = 150)]
    public void MatchesArraySortOnGeneratedDoubles(double[] values, PositiveInt extra)
    {
        if (values.Length == 0) return;
        var n = DoubleSort.RadixThreshold + extra.Get % 5000;
        var input = new double[n];
        for (var i = 0; i < n; i++) input[i] = values[i % values.Length];
        AssertSortedLikeArraySort(input);
    }

    /// <summary>Short inputs (introsort path) agree too.</summary>
    [FsCheck.Xunit.Property(MaxTest = 100)]
    public void MatchesArraySortOnShortInputs(double[] values) => AssertSortedLikeArraySort(values);

    /// <summary>Mixtures that exercise every digit: specials, duplicates, negatives, narrow and wide ranges.</summary>
    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property MatchesArraySortOnMixtures(int seed, byte shape)
    {
        var random = new Random(seed);
        var n = DoubleSort.RadixThreshold + random.Next(0, 30000);
        var input = new double[n];
        for (var i = 0; i < n; i++)
        {
            input[i] = (shape % 5) switch
            {
                0 => random.NextDouble() * 2 - 1,                                   // one binade pair, both signs
                1 => Math.Round(random.NextDouble() * 20 - 10),                      // heavy duplicates, ±0
                2 => Specials[random.Next(Specials.Length)],                         // only special values
                3 => Math.ScaleB(random.NextDouble() - 0.5, random.Next(-1070, 1020)), // every exponent
                _ => random.Next(8) == 0 ? Specials[random.Next(Specials.Length)] : 1000 + random.NextDouble(),
            };
        }
        AssertSortedLikeArraySort(input);
        return true.ToProperty();
    }

    [Fact]
    public void AllEqualKeysSkipEveryPassAndStayPut()
    {
        var input = Enumerable.Repeat(3.25, 10000).ToArray();
        AssertSortedLikeArraySort(input);
    }

    [Fact]
    public void SortsAMillionNormalValuesLikeArraySort()
    {
        var random = new Random(7);
        var input = new double[1_000_000];
        for (var i = 0; i < input.Length; i++) input[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        AssertSortedLikeArraySort(input);
    }

    [Fact]
    public void KeysPreserveOrderAcrossSignsAndInfinities()
    {
        double[] ordered = [double.NegativeInfinity, double.MinValue, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1, double.MaxValue, double.PositiveInfinity];
        for (var i = 1; i < ordered.Length; i++) Assert.True(DoubleSort.Key(ordered[i - 1]) < DoubleSort.Key(ordered[i]));
        Assert.Equal(0UL, DoubleSort.Key(double.NaN));
        foreach (var x in ordered) Assert.Equal(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(DoubleSort.Value(DoubleSort.Key(x))));
    }
}
