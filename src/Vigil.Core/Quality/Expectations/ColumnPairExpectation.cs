using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>column_pair</c>: on every row where both values are present, A &lt; B, A ≤ B or A = B (<see cref="Operator"/>).
/// Numeric pairs compare as numbers, timestamp pairs as instants; other pairs support only <c>==</c>, comparing the text.
/// Rows with a missing value are skipped. Failing rows show <c>A | B</c>. Observed: the share of failing compared rows.
/// Cost O(n).
/// </summary>
public sealed class ColumnPairExpectation : ExpectationBase
{
    /// <summary>The accepted operators.</summary>
    public static readonly IReadOnlyList<string> Operators = ["<", "<=", "=="];

    /// <summary>Creates the check; <paramref name="op"/> is one of <c>&lt;</c>, <c>&lt;=</c>, <c>==</c> (<c>=</c> accepted).</summary>
    public ColumnPairExpectation(string columnA, string columnB, string op, ExpectationOptions? options = null) : base("column_pair", [columnA, columnB], options)
    {
        ArgumentNullException.ThrowIfNull(op);
        op = op == "=" ? "==" : op;
        if (!Operators.Contains(op)) throw new ArgumentException($"column_pair: unknown operator '{op}' (use <, <= or ==)", nameof(op));
        Operator = op;
    }

    /// <summary>The comparison.</summary>
    public string Operator { get; }

    private bool Holds(int cmp) => Operator switch { "<" => cmp < 0, "<=" => cmp <= 0, _ => cmp == 0 };

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } a) return MissingColumn(Columns[0], frame);
        if (frame.Find(Columns[1]) is not { } b) return MissingColumn(Columns[1], frame);
        var sample = new FailureSample(frame, null);
        long compared = 0;
        for (var i = 0; i < frame.RowCount; i++)
        {
            if (a.IsMissing(i) || b.IsMissing(i)) continue;
            int cmp;
            if (a is NumericColumn na && b is NumericColumn nb) cmp = na.Values[i].CompareTo(nb.Values[i]);
            else if (a is TimestampColumn ta && b is TimestampColumn tb) cmp = ta.Ticks[i].CompareTo(tb.Ticks[i]);
            else if (Operator == "==") cmp = string.CompareOrdinal(a.GetText(i), b.GetText(i)) == 0 ? 0 : 1;
            else return Fail($"column_pair {Operator} needs two numeric or two timestamp columns; '{a.Name}' is {ExpectationText.TypeName(a.Type)}, '{b.Name}' is {ExpectationText.TypeName(b.Type)}");
            compared++;
            if (!Holds(cmp)) sample.Record(i, sample.IsFull ? null : $"{a.GetText(i)} | {b.GetText(i)}");
        }
        var share = compared == 0 ? 0.0 : (double)sample.Count / compared;
        return FromSample(sample, share, $"{sample.Count} of {compared} rows do not satisfy {a.Name} {Operator} {b.Name}");
    }
}
