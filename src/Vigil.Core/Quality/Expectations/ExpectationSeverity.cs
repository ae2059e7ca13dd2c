namespace Vigil.Core.Quality.Expectations;

/// <summary>How much a failed check matters: an <see cref="Error"/> fails the validation (exit 1), a <see cref="Warn"/> is only reported.</summary>
public enum ExpectationSeverity
{
    /// <summary>A failure fails the whole validation (the default).</summary>
    Error,
    /// <summary>A failure is reported but does not fail the validation.</summary>
    Warn,
}
