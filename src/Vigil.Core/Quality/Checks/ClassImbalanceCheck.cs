using System.Globalization;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>class_imbalance</c>: the share of each label class among labelled rows. Warn when the smallest class holds
/// less than <see cref="DataCheckSettings.MinorityShare"/> (default 10%), otherwise one info finding with the
/// shares. Numbers: <c>share[CLASS]</c> per class, <c>minority_share</c>, <c>missing_labels</c>. Cost: O(n).
/// </summary>
public sealed class ClassImbalanceCheck : IDataCheck
{
    /// <inheritdoc />
    public string Id => "class_imbalance";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) => input.Label is null ? "needs --label" : null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = input.Labels!;
        var labelled = labels.Labelled;
        var numbers = new List<CheckNumber>();
        var minority = -1;
        for (var k = 0; k < labels.Names.Length; k++)
        {
            numbers.Add(new CheckNumber($"share[{labels.Names[k]}]", labelled == 0 ? double.NaN : (double)labels.Counts[k] / labelled));
            if (minority < 0 || labels.Counts[k] < labels.Counts[minority]) minority = k;
        }
        var minorityShare = minority < 0 || labelled == 0 ? double.NaN : (double)labels.Counts[minority] / labelled;
        numbers.Add(new CheckNumber("minority_share", minorityShare));
        numbers.Add(new CheckNumber("classes", labels.Names.Length));
        numbers.Add(new CheckNumber("missing_labels", input.Data.RowCount - labelled));
        var label = input.Label!;
        if (labels.Names.Length < 2)
            return [new CheckFinding(Id, CheckSeverity.Warn, $"The label '{label}' has {labels.Names.Length} class(es); a classifier needs at least two.", [label], numbers, [])];
        var share = minorityShare.ToString("P1", CultureInfo.InvariantCulture);
        return minorityShare < input.Settings.MinorityShare
            ? [new CheckFinding(Id, CheckSeverity.Warn, $"Class '{labels.Names[minority]}' holds only {share} of labelled rows (below {input.Settings.MinorityShare.ToString("P0", CultureInfo.InvariantCulture)}).", [label], numbers, [])]
            : [new CheckFinding(Id, CheckSeverity.Info, $"Smallest class '{labels.Names[minority]}' holds {share} of labelled rows.", [label], numbers, [])];
    }
}
