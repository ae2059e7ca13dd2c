namespace Vigil.Core.Quality.Expectations;

/// <summary>An ordered list of checks run together on one dataset (read from YAML/JSON by Vigil.IO, or built in code).</summary>
public sealed class ExpectationSuite
{
    /// <summary>Creates a suite.</summary>
    public ExpectationSuite(string? name, IReadOnlyList<IExpectation> expectations)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        Name = name;
        Expectations = expectations;
    }

    /// <summary>The suite name, or null.</summary>
    public string? Name { get; }

    /// <summary>The checks in order.</summary>
    public IReadOnlyList<IExpectation> Expectations { get; }

    /// <summary>Runs every check on the context's data; each check runs even when earlier ones failed.</summary>
    public ValidationResult Validate(ExpectationContext context, string suiteSource = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<ExpectationResult>(Expectations.Count);
        foreach (var e in Expectations) results.Add(e.Evaluate(context));
        return new ValidationResult(context.Data.Source, suiteSource, Name, context.Data.RowCount, results);
    }
}
