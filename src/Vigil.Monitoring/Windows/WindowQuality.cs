using Vigil.Core.Data;
using Vigil.Core.Quality.Expectations;

namespace Vigil.Monitoring.Windows;

/// <summary>One failed data-quality check of a window.</summary>
/// <param name="Column">The column (null for table-level checks).</param>
/// <param name="Check">The check type, e.g. <c>between</c>.</param>
/// <param name="Severity">"error" or "warn".</param>
/// <param name="Failed">Failing rows when the check counts rows, else null.</param>
/// <param name="Detail">What was observed (or why the check could not run).</param>
public sealed record QualityFailure(string? Column, string Check, string Severity, long? Failed, string? Detail);

/// <summary>The data-quality result of a window: failed error-severity checks, failed warnings and the failures.</summary>
/// <param name="Failed">Failed checks of error severity (what <c>quality.failed</c> compares).</param>
/// <param name="Warned">Failed checks of warn severity.</param>
/// <param name="Checks">Checks run.</param>
/// <param name="Failures">The failed checks.</param>
public sealed record QualityOutcome(int Failed, int Warned, int Checks, IReadOnlyList<QualityFailure> Failures);

/// <summary>
/// Data quality per window: a suite suggested once from the reference features (<see cref="SuiteSuggester"/>, the
/// same as <c>vigil suggest</c>) and validated on each window's events. Checks about the batch rather than the data
/// are dropped — <c>row_count_between</c> (a window's size is traffic, watched by <c>ingest.events</c>),
/// <c>no_duplicate_rows</c> and <c>unique</c> (different events may share feature values). The suggester marks the
/// distribution checks (<c>mean_between</c>, <c>stdev_between</c>) as warnings, which are reported but not counted in
/// <see cref="QualityOutcome.Failed"/>: drift is the drift section's job. Cost: the checks' cost on the window.
/// </summary>
internal sealed class WindowQuality
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "row_count_between", "no_duplicate_rows", "unique" };

    private readonly ExpectationSuite? _suite;

    private WindowQuality(ExpectationSuite? suite, string? problem)
    {
        _suite = suite;
        Problem = problem;
    }

    /// <summary>Why there is no suite, or null.</summary>
    public string? Problem { get; }

    /// <summary>Suggests the suite from the reference features; never throws (a problem disables quality with a reason).</summary>
    public static WindowQuality Create(DataFrame referenceFeatures)
    {
        try
        {
            var document = SuiteSuggester.Suggest(referenceFeatures, name: "monitor");
            var kept = document.Checks.Where(c => !Dropped.Contains(c.Check)).ToList();
            return new WindowQuality(ExpectationFactory.Create(document with { Checks = kept }), null);
        }
        catch (ArgumentException e)
        {
            return new WindowQuality(null, e.Message.Split(" (Parameter")[0]);
        }
    }

    /// <summary>Validates a window's feature frame; null (with a note) for an empty window or without a suite.</summary>
    public QualityOutcome? Validate(DataFrame window, out string? note)
    {
        note = Problem;
        if (_suite is null) return null;
        if (window.RowCount == 0) { note = "no events"; return null; }
        var result = _suite.Validate(new ExpectationContext(window), "suggested from the reference");
        var failures = new List<QualityFailure>();
        int failed = 0, warned = 0;
        foreach (var r in result.Results)
        {
            if (r.Success) continue;
            var error = r.Severity == ExpectationSeverity.Error;
            if (error) failed++; else warned++;
            failures.Add(new QualityFailure(r.Columns.Count > 0 ? r.Columns[0] : null, r.Check, error ? "error" : "warn", r.FailingCount, r.Reason ?? r.ObservedText));
        }
        return new QualityOutcome(failed, warned, result.Checks, failures);
    }
}
