using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>Shared plumbing of the built-in checks: identity, severity and the result shapes (pass, fail, missing column).</summary>
public abstract class ExpectationBase : IExpectation
{
    /// <summary>Creates a check; column names must be non-empty.</summary>
    protected ExpectationBase(string check, IReadOnlyList<string> columns, ExpectationOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(check);
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var c in columns)
            if (string.IsNullOrEmpty(c)) throw new ArgumentException($"check '{check}': column names must not be empty", nameof(columns));
        Check = check;
        Columns = columns;
        Severity = options?.Severity ?? ExpectationSeverity.Error;
        Name = options?.Name;
    }

    /// <inheritdoc />
    public string Check { get; }

    /// <inheritdoc />
    public string? Name { get; }

    /// <inheritdoc />
    public ExpectationSeverity Severity { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc />
    public abstract ExpectationResult Evaluate(ExpectationContext context);

    /// <summary>A result with the given outcome and no details.</summary>
    protected ExpectationResult Result(bool success) => new(Check, Name, Columns, Severity, success);

    /// <summary>A failure that could not be evaluated, with the reason.</summary>
    protected ExpectationResult Fail(string reason) => Result(false) with { Reason = reason };

    /// <summary>The failure for a column absent from the data, listing (up to 20 of) the columns that exist.</summary>
    protected ExpectationResult MissingColumn(string column, DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var names = frame.ColumnNames.ToList();
        var shown = string.Join(", ", names.Take(20)) + (names.Count > 20 ? $", … ({names.Count} columns)" : "");
        return Fail($"column '{column}' not found in the data (columns: {shown})");
    }

    /// <summary>The failure for a column of the wrong type.</summary>
    protected ExpectationResult WrongType(Column column, string needed)
    {
        ArgumentNullException.ThrowIfNull(column);
        return Fail($"column '{column.Name}' is {ExpectationText.TypeName(column.Type)}; {Check} needs {needed}");
    }

    /// <summary>A row-level result from a failure sample: success when no row failed (unless <paramref name="success"/> says otherwise).</summary>
    protected ExpectationResult FromSample(FailureSample sample, double? observed, string failureReason, bool? success = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var ok = success ?? sample.Count == 0;
        return Result(ok) with { ObservedValue = observed, FailingCount = sample.Count, FailingRows = sample.Rows, Reason = ok ? null : failureReason };
    }
}

/// <summary>The settings every check shares: its severity and an optional name.</summary>
/// <param name="Severity">Error (default) or warn.</param>
/// <param name="Name">A name shown in reports, or null.</param>
public sealed record ExpectationOptions(ExpectationSeverity Severity = ExpectationSeverity.Error, string? Name = null);
