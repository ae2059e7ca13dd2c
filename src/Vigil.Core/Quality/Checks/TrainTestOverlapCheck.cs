using System.Globalization;
using Vigil.Core.Data;
using Vigil.Core.Provenance;

namespace Vigil.Core.Quality.Checks;

/// <summary>
/// <c>train_test_overlap</c>: rows of the test data whose full feature row (every column of the training data but
/// the label, matched by name) also occurs in the training data — an evaluation on them measures memory, not
/// generalisation. Matched by <see cref="RowHash64"/> and confirmed cell by cell. Warn when any test row overlaps;
/// error when at least <see cref="DataCheckSettings.OverlapErrorShare"/> (default 5%) of test rows do. Numbers:
/// <c>overlapping_test_rows</c>, <c>test_rows</c>, <c>share</c>. Samples: test lines with the training line they
/// repeat. Cost: O((n_train + n_test)·columns).
/// </summary>
public sealed class TrainTestOverlapCheck : IDataCheck
{
    /// <inheritdoc />
    public string Id => "train_test_overlap";

    /// <inheritdoc />
    public string? CannotRun(DataCheckInput input) => input.Test is null ? "needs --test" : input.Features.Count == 0 ? "no feature columns" : null;

    /// <inheritdoc />
    public IReadOnlyList<CheckFinding> Run(DataCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var test = input.Test!;
        var testColumns = new Column[input.Features.Count];
        for (var j = 0; j < testColumns.Length; j++) testColumns[j] = test[input.Features[j].Name];
        var trainHashes = input.FeatureHashes;
        var testHashes = RowHash64.Compute(test, testColumns);
        var firstTrain = new Dictionary<ulong, int>(trainHashes.Length);
        for (var i = 0; i < trainHashes.Length; i++) firstTrain.TryAdd(trainHashes[i], i);
        var overlap = 0;
        var samples = new List<CheckSample>();
        for (var i = 0; i < testHashes.Length; i++)
        {
            if (!firstTrain.TryGetValue(testHashes[i], out var t)) continue;
            if (!RowHash64.RowsEqual(input.Features, t, testColumns, i)) continue;
            overlap++;
            if (samples.Count < input.Settings.MaxSamples)
                samples.Add(new CheckSample(test.LineOf(i), "test", $"features equal training line {input.Data.LineOf(t).ToString(CultureInfo.InvariantCulture)}"));
        }
        if (overlap == 0) return [];
        var share = (double)overlap / test.RowCount;
        var severity = share >= input.Settings.OverlapErrorShare ? CheckSeverity.Error : CheckSeverity.Warn;
        return
        [
            new CheckFinding(Id, severity,
                $"{overlap.ToString("N0", CultureInfo.InvariantCulture)} of {test.RowCount.ToString("N0", CultureInfo.InvariantCulture)} test rows ({share.ToString("P2", CultureInfo.InvariantCulture)}) also occur in the training data.",
                [], [new("overlapping_test_rows", overlap), new("test_rows", test.RowCount), new("share", share)], samples),
        ];
    }
}
