using System.Globalization;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// A parameter value of a suite check as written in the file: a scalar (text, null for <c>~</c>/<c>null</c>) or a list of
/// scalars, with the 1-based line it was read from (null when built in code). Scalars stay text until a check asks
/// for a number, a flag or a list, so the error can say what was expected and where.
/// </summary>
public sealed class SuiteValue
{
    private SuiteValue(string? scalar, IReadOnlyList<string?>? items, bool quoted, int? line)
    {
        Scalar = scalar;
        Items = items;
        Quoted = quoted;
        Line = line;
    }

    /// <summary>The scalar text (null: a null scalar or a list).</summary>
    public string? Scalar { get; }

    /// <summary>The list items, or null for a scalar.</summary>
    public IReadOnlyList<string?>? Items { get; }

    /// <summary>True for a list.</summary>
    public bool IsList => Items is not null;

    /// <summary>True when the text must be written quoted (it is text, not a number or flag).</summary>
    public bool Quoted { get; }

    /// <summary>The 1-based line in the suite file, when read from one.</summary>
    public int? Line { get; }

    /// <summary>A text scalar (written quoted when it could be read as something else).</summary>
    public static SuiteValue Text(string? text, int? line = null) => new(text, null, true, line);

    /// <summary>A scalar as read from a file, untyped.</summary>
    public static SuiteValue Plain(string? text, int? line = null) => new(text, null, false, line);

    /// <summary>A number scalar (round-trip text).</summary>
    public static SuiteValue Number(double value) => new(ExpectationText.Exact(value), null, false, null);

    /// <summary>A number scalar formatted with <paramref name="format"/> (e.g. fewer digits for readability).</summary>
    public static SuiteValue Number(double value, string format) => new(value.ToString(format, CultureInfo.InvariantCulture), null, false, null);

    /// <summary>A boolean scalar.</summary>
    public static SuiteValue Flag(bool value) => new(value ? "true" : "false", null, false, null);

    /// <summary>A list of text items.</summary>
    public static SuiteValue List(IEnumerable<string?> items, int? line = null) => new(null, [.. items], true, line);
}

/// <summary>
/// One check as written in a suite: its type, its parameters in file order, an optional comment (written above it by
/// the suite writer) and the 1-based line where it starts. <see cref="ExpectationFactory"/> turns it into an
/// <see cref="IExpectation"/>.
/// </summary>
/// <param name="Check">The check type, e.g. <c>between</c>.</param>
/// <param name="Parameters">The parameters (without <c>check</c>) in order.</param>
public sealed record ExpectationSpec(string Check, IReadOnlyList<KeyValuePair<string, SuiteValue>> Parameters)
{
    /// <summary>A comment saying why the check is there (the suggester's observations), or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The 1-based line of the check in its file, or null.</summary>
    public int? Line { get; init; }
}

/// <summary>A suite as a document: a name, header comments and the checks, as read from or written to YAML/JSON.</summary>
/// <param name="Name">The suite name, or null.</param>
/// <param name="Checks">The checks in order.</param>
public sealed record SuiteDocument(string? Name, IReadOnlyList<ExpectationSpec> Checks)
{
    /// <summary>Comment lines written at the top of the file.</summary>
    public IReadOnlyList<string> HeaderComments { get; init; } = [];
}

/// <summary>
/// A problem in a suite's content (unknown check, missing or malformed parameter) with the 1-based line it concerns
/// when known. Readers turn it into a file:line message.
/// </summary>
public sealed class SuiteSpecException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public SuiteSpecException(string message, int? line) : base(message) => Line = line;

    /// <summary>The 1-based line, or null.</summary>
    public int? Line { get; }
}
