using System.Text.RegularExpressions;
using Vigil.Core.Data;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// <c>regex</c>: every non-missing value, as text, contains a match of <see cref="Pattern"/> (.NET syntax; anchor with
/// <c>^…$</c> to match whole values, as Python's <c>re.search</c> would need too). Categorical columns are matched once
/// per category. A match taking over one second fails the check (catastrophic backtracking guard). Missing values are
/// ignored. Observed: the share of failing non-missing values. Cost O(n · match).
/// </summary>
public sealed class RegexExpectation : ExpectationBase
{
    private readonly Regex _regex;

    /// <summary>Creates the check; an invalid pattern throws <see cref="ArgumentException"/> with the parser's message.</summary>
    public RegexExpectation(string column, string pattern, ExpectationOptions? options = null) : base("regex", [column], options)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try { _regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException e) { throw new ArgumentException($"regex: invalid pattern '{pattern}': {e.Message}", nameof(pattern), e); }
        Pattern = pattern;
    }

    /// <summary>The pattern.</summary>
    public string Pattern { get; }

    /// <inheritdoc />
    public override ExpectationResult Evaluate(ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var frame = context.Data;
        if (frame.Find(Columns[0]) is not { } column) return MissingColumn(Columns[0], frame);
        var sample = new FailureSample(frame, column);
        long present = 0;
        try
        {
            present = sample.RecordTextFailures(column, _regex.IsMatch);
        }
        catch (RegexMatchTimeoutException)
        {
            return Fail($"pattern '{Pattern}' took over 1 s on one value (catastrophic backtracking?)");
        }
        var share = present == 0 ? 0.0 : (double)sample.Count / present;
        return FromSample(sample, share, $"{sample.Count} values do not match '{Pattern}'");
    }
}
