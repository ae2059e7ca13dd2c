namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// Builds checks from <see cref="ExpectationSpec"/>s — the one place that knows each check's parameter names. Every
/// check accepts <c>severity</c> and <c>name</c>; unknown checks, unknown or missing parameters and invalid values throw
/// <see cref="SuiteSpecException"/> with the line of the check (or of the parameter).
/// </summary>
public static class ExpectationFactory
{
    private static readonly Dictionary<string, Func<ExpectationParameters, ExpectationOptions, IExpectation>> Builders = new(StringComparer.Ordinal)
    {
        ["not_null"] = (p, o) => new NotNullExpectation(p.Column(), p.OptionalNumber("mostly") ?? 1.0, o),
        ["unique"] = (p, o) => new UniqueExpectation(p.Column(), o),
        ["in_set"] = (p, o) => new InSetExpectation(p.Column(), p.List("values"), exclude: false, o),
        ["not_in_set"] = (p, o) => new InSetExpectation(p.Column(), p.List("values"), exclude: true, o),
        ["between"] = (p, o) =>
        {
            var strict = p.OptionalFlag("strict") ?? false;
            return new BetweenExpectation(p.Column(), p.OptionalNumber("min"), p.OptionalNumber("max"),
                p.OptionalFlag("strict_min") ?? strict, p.OptionalFlag("strict_max") ?? strict, o);
        },
        ["regex"] = (p, o) => new RegexExpectation(p.Column(), p.String("pattern"), o),
        ["type"] = (p, o) => new TypeExpectation(p.Column(), p.String("type"), o),
        ["length_between"] = (p, o) => new LengthBetweenExpectation(p.Column(), p.OptionalNumber("min"), p.OptionalNumber("max"), o),
        ["mean_between"] = (p, o) => new MeanBetweenExpectation(p.Column(), p.OptionalNumber("min"), p.OptionalNumber("max"), o),
        ["stdev_between"] = (p, o) => new StandardDeviationBetweenExpectation(p.Column(), p.OptionalNumber("min"), p.OptionalNumber("max"), o),
        ["quantile_between"] = (p, o) => new QuantileBetweenExpectation(p.Column(), p.Number("q"), p.OptionalNumber("min"), p.OptionalNumber("max"), o),
        ["distinct_count_between"] = (p, o) => new DistinctCountBetweenExpectation(p.Column(), p.OptionalNumber("min"), p.OptionalNumber("max"), o),
        ["null_share_at_most"] = (p, o) => new NullShareAtMostExpectation(p.Column(), p.Number("max"), o),
        ["row_count_between"] = (p, o) => new RowCountBetweenExpectation(p.OptionalNumber("min"), p.OptionalNumber("max"), o),
        ["column_set"] = (p, o) => new ColumnSetExpectation(p.List("columns"), p.OptionalString("mode") switch
        {
            null or "exact" => ColumnSetMode.Exact,
            "includes" => ColumnSetMode.Includes,
            var m => throw new ArgumentException($"mode must be exact or includes, got '{m}'"),
        }, o),
        ["column_pair"] = (p, o) => new ColumnPairExpectation(p.String("column_a"), p.String("column_b"), p.String("op"), o),
        ["freshness"] = (p, o) => new FreshnessExpectation(p.Column(), ExpectationText.ParseDuration(p.String("max_age")), o),
        ["no_duplicate_rows"] = (p, o) => new NoDuplicateRowsExpectation(p.OptionalList("columns"), o),
        ["drift_against"] = (p, o) => new DriftAgainstExpectation(p.Column(), p.String("reference"), p.OptionalString("method"), p.OptionalNumber("threshold"), o),
    };

    /// <summary>The check types, in documentation order.</summary>
    public static IReadOnlyCollection<string> CheckTypes => Builders.Keys;

    /// <summary>Builds one check.</summary>
    public static IExpectation Create(ExpectationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Builders.TryGetValue(spec.Check, out var build))
            throw new SuiteSpecException($"unknown check type '{spec.Check}' (known: {string.Join(", ", Builders.Keys)})", spec.Line);
        var p = new ExpectationParameters(spec);
        try
        {
            var expectation = build(p, p.Options());
            p.RejectUnknown();
            return expectation;
        }
        catch (ArgumentException e)
        {
            throw p.Wrap(e);
        }
    }

    /// <summary>Builds every check of a document into a suite (the first problem throws).</summary>
    public static ExpectationSuite Create(SuiteDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var list = new List<IExpectation>(document.Checks.Count);
        foreach (var spec in document.Checks) list.Add(Create(spec));
        return new ExpectationSuite(document.Name, list);
    }
}
