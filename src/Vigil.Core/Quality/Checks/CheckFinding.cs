namespace Vigil.Core.Quality.Checks;

/// <summary>How serious a finding is. Findings are reported, not failures: only <c>--fail-on error</c> turns an error into exit 1.</summary>
public enum CheckSeverity
{
    /// <summary>Worth knowing (almost-constant columns, outlier counts, balanced classes).</summary>
    Info,
    /// <summary>Likely to hurt a model or its evaluation (duplicates, conflicting labels, strong imbalance).</summary>
    Warn,
    /// <summary>Makes results untrustworthy (target leakage, heavy train/test overlap).</summary>
    Error,
}

/// <summary>A named number of a finding (counts, shares, statistics); NaN = undefined.</summary>
/// <param name="Name">snake_case name, e.g. <c>duplicate_rows</c>.</param>
/// <param name="Value">The value.</param>
public sealed record CheckNumber(string Name, double Value);

/// <summary>A row illustrating a finding.</summary>
/// <param name="Line">1-based line of the row in its source file (<see cref="Data.DataFrame.LineOf"/>).</param>
/// <param name="Source"><c>data</c> or <c>test</c>: which input the line refers to.</param>
/// <param name="Detail">What is notable about the row (value, the line it duplicates, …).</param>
public sealed record CheckSample(int Line, string Source, string Detail);

/// <summary>One result of a data check.</summary>
/// <param name="CheckId">The check's stable id (<c>duplicate_rows</c>, <c>target_leakage</c>, …).</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">One human sentence.</param>
/// <param name="Columns">The columns concerned (empty when the finding is about whole rows).</param>
/// <param name="Numbers">Counts and statistics in a stable order.</param>
/// <param name="Samples">Up to <see cref="DataCheckSettings.MaxSamples"/> illustrating rows.</param>
public sealed record CheckFinding(string CheckId, CheckSeverity Severity, string Message, IReadOnlyList<string> Columns,
    IReadOnlyList<CheckNumber> Numbers, IReadOnlyList<CheckSample> Samples)
{
    /// <summary>The number with this name, or NaN.</summary>
    public double Number(string name)
    {
        foreach (var n in Numbers)
            if (n.Name == name) return n.Value;
        return double.NaN;
    }

    /// <summary>The severity's JSON id: <c>info</c>, <c>warn</c>, <c>error</c>.</summary>
    public static string SeverityName(CheckSeverity s) => s switch
    {
        CheckSeverity.Info => "info",
        CheckSeverity.Warn => "warn",
        _ => "error",
    };
}

/// <summary>A check that did not run, and why (no label, no test file, too few rows).</summary>
/// <param name="CheckId">The check's id.</param>
/// <param name="Reason">Why it was skipped.</param>
public sealed record CheckSkip(string CheckId, string Reason);
