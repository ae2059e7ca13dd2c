namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// One check of an expectation suite (one implementation per file). Implementations are immutable and validate
/// their parameters in the constructor (<see cref="ArgumentException"/>), so a suite that loaded can always run.
/// <see cref="Evaluate"/> never throws for data problems: a missing column or an unsuitable column type is a
/// failed <see cref="ExpectationResult"/> with a reason, and the run goes on.
/// </summary>
public interface IExpectation
{
    /// <summary>The check type as written in a suite (e.g. <c>not_null</c>).</summary>
    string Check { get; }

    /// <summary>The user's name for this check, or null.</summary>
    string? Name { get; }

    /// <summary>Error (fails the validation) or warn.</summary>
    ExpectationSeverity Severity { get; }

    /// <summary>The columns the check reads (empty for table-level checks).</summary>
    IReadOnlyList<string> Columns { get; }

    /// <summary>Runs the check on <see cref="ExpectationContext.Data"/>.</summary>
    ExpectationResult Evaluate(ExpectationContext context);
}
