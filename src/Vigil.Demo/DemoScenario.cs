using Vigil.Core.Data;
using Vigil.Core.Examples;

namespace Vigil.Demo;

/// <summary>
/// The story <c>vigil serve --demo</c> tells: a credit-default model trained on reference applicants, then
/// <see cref="Days"/> days of live applicants; from <see cref="DriftStartDay"/> the applicant population moves over
/// <see cref="DriftRampDays"/> days to one with lower, less varied incomes and higher, less varied debt ratios
/// (covariate drift in two features; the default mechanism itself does not change). Applicants become more alike, so the
/// model's ROC AUC falls — which CBPE sees from the scores alone, days before the labels (which arrive
/// <see cref="LabelDelayDays"/> days late) confirm it. Everything is generated from <see cref="Seed"/>: no downloaded data.
/// </summary>
public sealed record DemoScenario
{
    /// <summary>Simulated days of traffic (default 60).</summary>
    public int Days { get; init; } = 60;

    /// <summary>Prediction events per simulated day (default 400).</summary>
    public int EventsPerDay { get; init; } = 400;

    /// <summary>First day whose population starts to move (default 30).</summary>
    public int DriftStartDay { get; init; } = 30;

    /// <summary>Days over which the population moves to <see cref="DriftedPopulation"/> (default 5).</summary>
    public int DriftRampDays { get; init; } = 5;

    /// <summary>Days between a prediction and its label (default 7).</summary>
    public int LabelDelayDays { get; init; } = 7;

    /// <summary>Reference (training) rows (default 5,000).</summary>
    public int ReferenceRows { get; init; } = 5000;

    /// <summary>Seed of everything (default 2026).</summary>
    public long Seed { get; init; } = 2026;

    /// <summary>The population after the drift.</summary>
    public CreditPopulation DriftedPopulation { get; init; } = new(LogIncomeMean: 10.15, LogIncomeSd: 0.2, DebtRatioMean: 0.55, DebtRatioSd: 0.05);

    /// <summary>The model's input features (the label is "default").</summary>
    public static IReadOnlyList<string> Features { get; } = ["age", "income", "debt_ratio", "late_payments", "region"];

    /// <summary>The label column.</summary>
    public const string Label = "default";

    /// <summary>The population on day <paramref name="day"/>.</summary>
    public CreditPopulation PopulationOn(int day)
    {
        if (day < DriftStartDay) return CreditPopulation.Baseline;
        var t = DriftRampDays <= 0 ? 1.0 : (day - DriftStartDay + 1) / (double)DriftRampDays;
        return CreditPopulation.Baseline.Toward(DriftedPopulation, t);
    }

    /// <summary>The reference (training) applicants, with labels.</summary>
    public DataFrame Reference() => Without(SyntheticCredit.Generate(ReferenceRows, Seed, CreditPopulation.Baseline), "score");

    /// <summary>A second, independent sample of the baseline population (the challenger's extra training data).</summary>
    public DataFrame ChallengerTraining() => Without(SyntheticCredit.Generate(ReferenceRows * 2, Seed + 1, CreditPopulation.Baseline), "score");

    /// <summary>A held-out baseline sample (not used for training): the monitor's reference, scored by the champion.</summary>
    public DataFrame HoldOut() => Without(SyntheticCredit.Generate(ReferenceRows, Seed + 500, CreditPopulation.Baseline), "score");

    /// <summary>The applicants of day <paramref name="day"/>, with their (not yet known) labels.</summary>
    public DataFrame Day(int day)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        return Without(SyntheticCredit.Generate(EventsPerDay, Seed + 1000 + day, PopulationOn(day)), "score");
    }

    private static DataFrame Without(DataFrame frame, string column) =>
        new(frame.Columns.Where(c => c.Name != column).ToList(), frame.Source);
}
