using System.Globalization;
using Vigil.Core.Data;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>constant_column</c>: columns whose non-missing values are all equal (warn; also a column that is entirely
/// missing) or whose most frequent value holds at least <see cref="DataCheckSettings.AlmostConstantShare"/>
/// (default 0.99) of the non-missing values (info, "almost constant"). Numbers: <c>top_share</c>, <c>distinct</c>,
/// <c>missing</c>. Cost: O(n) per categorical column, O(n log n) per numeric column (a sorted scratch copy).
/// </summary>
public sealed class ConstantColumnsCheck : IDataCheck
{
    /// <inheritdoc />
    public string Id => "constant_column";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) => null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var findings = new List<CheckFinding>();
        foreach (var column in input.Data.Columns)
        {
            var (present, topCount, distinct, top) = TopValue(column);
            var missing = column.Length - present;
            if (present == 0)
            {
                findings.Add(new CheckFinding(Id, CheckSeverity.Warn, $"Column '{column.Name}' is entirely missing.", [column.Name],
                    [new("top_share", double.NaN), new("distinct", 0), new("missing", missing)], []));
                continue;
            }
            var share = (double)topCount / present;
            if (distinct == 1)
                findings.Add(new CheckFinding(Id, CheckSeverity.Warn, $"Column '{column.Name}' is constant ('{top}').", [column.Name],
                    [new("top_share", share), new("distinct", distinct), new("missing", missing)], []));
            else if (share >= input.Settings.AlmostConstantShare)
                findings.Add(new CheckFinding(Id, CheckSeverity.Info,
                    $"Column '{column.Name}' is almost constant: '{top}' holds {share.ToString("P2", CultureInfo.InvariantCulture)} of its values.", [column.Name],
                    [new("top_share", share), new("distinct", distinct), new("missing", missing)], []));
        }
        return findings;
    }

    /// <summary>Non-missing count, count of the most frequent value, distinct values and the top value's text.</summary>
    internal static (int Present, int TopCount, int Distinct, string? Top) TopValue(Column column)
    {
        switch (column)
        {
            case CategoricalColumn cat:
            {
                var counts = new int[cat.Categories.Length];
                var present = 0;
                foreach (var c in cat.Codes)
                    if (c >= 0) { counts[c]++; present++; }
                int best = -1, distinct = 0;
                for (var k = 0; k < counts.Length; k++)
                {
                    if (counts[k] == 0) continue;
                    distinct++;
                    if (best < 0 || counts[k] > counts[best]) best = k;
                }
                return (present, best < 0 ? 0 : counts[best], distinct, best < 0 ? null : cat.Categories[best]);
            }
            case NumericColumn num:
            {
                var sorted = new double[num.Length];
                var present = 0;
                foreach (var v in num.Values)
                    if (!double.IsNaN(v)) sorted[present++] = v;
                var span = sorted.AsSpan(0, present);
                span.Sort();
                int topCount = 0, distinct = 0;
                var top = double.NaN;
                for (var i = 0; i < present;)
                {
                    var j = i;
                    while (j < present && span[j] == span[i]) j++;
                    distinct++;
                    if (j - i > topCount) { topCount = j - i; top = span[i]; }
                    i = j;
                }
                return (present, topCount, distinct, double.IsNaN(top) ? null : top.ToString("R", CultureInfo.InvariantCulture));
            }
            default:
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                var present = 0;
                for (var i = 0; i < column.Length; i++)
                {
                    var t = column.GetText(i);
                    if (t is null) continue;
                    present++;
                    counts[t] = counts.GetValueOrDefault(t) + 1;
                }
                string? top = null;
                var topCount = 0;
                foreach (var (k, v) in counts)
                    if (v > topCount) { top = k; topCount = v; }
                return (present, topCount, counts.Count, top);
            }
        }
    }
}
