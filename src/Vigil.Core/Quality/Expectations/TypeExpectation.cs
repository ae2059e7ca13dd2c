using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>type</c>: the column was read as the expected type: <c>numeric</c>, <c>timestamp</c>, <c>boolean</c>,
/// <c>categorical</c>, <c>text</c>, or <c>string</c> (categorical or text: the reader chooses between them by the number
/// of distinct values, which can change from batch to batch). When a column expected numeric (or timestamp) was read
/// as text, the failing rows are the values that do not parse. Observed: the type read. Cost O(1), O(n) on failure.
/// </summary>
public sealed class TypeExpectation : ExpectationBase
{
    /// <summary>The accepted type names.</summary>
    public static readonly IReadOnlyList<string> TypeNames = ["numeric", "timestamp", "boolean", "categorical", "text", "string"];

    /// <summary>Creates the check; an unknown type name throws listing the accepted ones.</summary>
    public TypeExpectation(string column, string type, ExpectationOptions? options = null) : base("type", [column], options)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!TypeNames.Contains(type)) throw new ArgumentException($"type: unknown type '{type}' (use {string.Join(", ", TypeNames)})", nameof(type));
        ExpectedType = type;
    }

    /// <summary>The expected type name.</summary>
    public string ExpectedType { get; }

    private bool Matches(ColumnType t) => ExpectedType switch
    {
        "string" => t is ColumnType.Categorical or ColumnType.Text,
        _ => ExpectationText.TypeName(t) == ExpectedType,
    };

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var observed = ExpectationText.TypeName(column.Type);
        if (Matches(column.Type)) return Result(true) with { ObservedText = observed };
        var sample = new FailureSample(frame, column);
        if (ExpectedType == "numeric" && column is CategoricalColumn c)
        {
            var numbers = ExpectationText.CategoryNumbers(c);
            for (var i = 0; i < c.Codes.Length; i++)
                if (c.Codes[i] >= 0 && double.IsNaN(numbers[c.Codes[i]])) sample.Record(i);
        }
        var reason = $"column '{column.Name}' was read as {observed}, expected {ExpectedType}"
                     + (sample.Count > 0 ? $" ({sample.Count} values are not numbers)" : "");
        return Result(false) with { ObservedText = observed, FailingCount = sample.Count > 0 ? sample.Count : null, FailingRows = sample.Rows, Reason = reason };
    }
}
