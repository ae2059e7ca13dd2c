namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// The outcome of a suite on one dataset: every check's result and the counts. <see cref="Success"/> is false exactly
/// when an error-severity check failed (warn failures are reported only).
/// </summary>
/// <param name="Data">The data source (file path).</param>
/// <param name="Suite">The suite source (file path), or empty.</param>
/// <param name="SuiteName">The suite's name, or null.</param>
/// <param name="Rows">Rows in the data.</param>
/// <param name="Results">One result per check, in suite order.</param>
public sealed record ValidationResult(string Data, string Suite, string? SuiteName, int Rows, IReadOnlyList<ExpectationResult> Results)
{
    /// <summary>Number of checks.</summary>
    public int Checks => Results.Count;

    /// <summary>Checks that passed.</summary>
    public int Passed => Results.Count(r => r.Success);

    /// <summary>Failed checks of error severity.</summary>
    public int FailedError => Results.Count(r => !r.Success && r.Severity == ExpectationSeverity.Error);

    /// <summary>Failed checks of warn severity.</summary>
    public int FailedWarn => Results.Count(r => !r.Success && r.Severity == ExpectationSeverity.Warn);

    /// <summary>True when no error-severity check failed.</summary>
    public bool Success => FailedError == 0;
}
