namespace Vigil.Core.Evaluation;

/// <summary>
/// Which rows of the input were used: <see cref="Rows"/> read, <see cref="RowsUsed"/> evaluated, and per reason
/// how many were skipped (e.g. "missing label"), so nothing is dropped silently.
/// </summary>
public sealed record DataSummary(string Path, int Rows, int RowsUsed, IReadOnlyDictionary<string, int> SkippedReasons)
{
    /// <summary>Rows left out.</summary>
    public int RowsSkipped => Rows - RowsUsed;
}
