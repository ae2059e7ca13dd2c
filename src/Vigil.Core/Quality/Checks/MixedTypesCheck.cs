using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>mixed_types</c>: a text (categorical) column where most non-missing values — more than
/// <see cref="DataCheckSettings.MixedNumericShare"/> (default half) — parse as invariant numbers and some do not,
/// e.g. a numeric column with "?" or "n/a" placeholders or a unit typed into a few cells. Warn. Numbers:
/// <c>numeric_share</c>, <c>non_numeric_rows</c>, <c>non_numeric_distinct</c>. Samples: the first rows whose value
/// is not a number. Cost: O(categories) parses plus O(n).
/// </summary>
public sealed class MixedTypesCheck : IDataCheck
{
    /// <inheritdoc />
    public string Id => "mixed_types";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) => null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var findings = new List<CheckFinding>();
        foreach (var column in input.Data.Columns)
        {
            if (column is not CategoricalColumn cat) continue;
            var isNumber = new bool[cat.Categories.Length];
            for (var k = 0; k < isNumber.Length; k++)
                isNumber[k] = double.TryParse(cat.Categories[k], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            int numeric = 0, other = 0;
            var otherValues = new HashSet<int>();
            foreach (var c in cat.Codes)
            {
                if (c < 0) continue;
                if (isNumber[c]) numeric++;
                else { other++; otherValues.Add(c); }
            }
            var present = numeric + other;
            if (present == 0 || other == 0) continue;
            var share = (double)numeric / present;
            if (share <= input.Settings.MixedNumericShare) continue;
            var samples = new List<CheckSample>();
            for (var i = 0; i < cat.Length && samples.Count < input.Settings.MaxSamples; i++)
                if (cat.Codes[i] >= 0 && !isNumber[cat.Codes[i]])
                    samples.Add(new CheckSample(input.Data.LineOf(i), "data", $"{column.Name} = '{cat.Categories[cat.Codes[i]]}'"));
            findings.Add(new CheckFinding(Id, CheckSeverity.Warn,
                $"Column '{column.Name}' is {share.ToString("P1", CultureInfo.InvariantCulture)} numbers but {other.ToString("N0", CultureInfo.InvariantCulture)} rows hold {otherValues.Count} non-numeric value(s), so it is read as text.",
                [column.Name], [new("numeric_share", share), new("non_numeric_rows", other), new("non_numeric_distinct", otherValues.Count)], samples));
        }
        return findings;
    }
}
