namespace Vigil.Core.Quality.Checks;

/// <summary>The outcome of running the data checks.</summary>
/// <param name="Source">The data checked.</param>
/// <param name="TestSource">The test data, or null.</param>
/// <param name="Rows">Rows of the data.</param>
/// <param name="Columns">Columns of the data.</param>
/// <param name="TestRows">Rows of the test data (0 without it).</param>
/// <param name="Label">The label column, or null.</param>
/// <param name="ChecksRun">Ids of the checks that ran.</param>
/// <param name="Skipped">Checks that could not run, with the reason.</param>
/// <param name="Findings">All findings, errors first, then warnings, then info; in check order within a severity.</param>
public sealed record DataCheckResult(string Source, string? TestSource, int Rows, int Columns, int TestRows, string? Label,
    IReadOnlyList<string> ChecksRun, IReadOnlyList<CheckSkip> Skipped, IReadOnlyList<CheckFinding> Findings)
{
    /// <summary>True when any finding has error severity.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == CheckSeverity.Error);

    /// <summary>Number of findings of a severity.</summary>
    public int Count(CheckSeverity severity) => Findings.Count(f => f.Severity == severity);
}

/// <summary>Runs every data check (<see cref="All"/>) on one input.</summary>
public static class DataChecker
{
    /// <summary>The checks in report order.</summary>
    public static IReadOnlyList<IDataCheck> All { get; } =
    [
        new ClassImbalanceCheck(), new DuplicateRowsCheck(), new ConflictingLabelsCheck(), new TrainTestOverlapCheck(),
        new TargetLeakageCheck(), new ConstantColumnsCheck(), new MixedTypesCheck(), new OutliersCheck(),
    ];

    /// <summary>Runs the checks.</summary>
    public static DataCheckResult Run(DataCheckInput input, IReadOnlyList<IDataCheck>? checks = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ran = new List<string>();
        var skipped = new List<CheckSkip>();
        var findings = new List<CheckFinding>();
        foreach (var check in checks ?? All)
        {
            if (check.CannotRun(input) is { } reason) { skipped.Add(new CheckSkip(check.Id, reason)); continue; }
            ran.Add(check.Id);
            findings.AddRange(check.Run(input));
        }
        var ordered = findings.OrderByDescending(f => f.Severity).ToList(); // stable: check order kept within a severity
        return new DataCheckResult(input.Data.Source, input.Test?.Source, input.Data.RowCount, input.Data.Columns.Count, input.Test?.RowCount ?? 0,
            input.Label, ran, skipped, ordered);
    }
}
