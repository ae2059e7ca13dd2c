namespace Vigil.Core.Quality.Checks;

/// <summary>
/// One data check: reads the shared <see cref="DataCheckInput"/> and returns its findings (possibly none), or a
/// reason it cannot run. Checks never throw for data they find bad — that is a finding.
/// </summary>
public interface IDataCheck
{
    /// <summary>The stable id used in JSON and reports.</summary>
    string Id { get; }

    /// <summary>Why the check cannot run on this input (e.g. "needs --label"), or null when it can.</summary>
    string? CannotRun(DataCheckInput input);

    /// <summary>Runs the check.</summary>
    IReadOnlyList<CheckFinding> Run(DataCheckInput input);
}
