namespace Vigil.Core.Data;

/// <summary>
/// Input data that cannot be used as given. The message names the file, the 1-based line, the column and
/// what was expected, so the user can fix the file; commands turn it into exit code 2 without a stack trace.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="line"/> and <paramref name="column"/> are optional.</summary>
    public DataFormatException(string file, string problem, int? line = null, string? column = null)
        : base(Format(file, problem, line, column))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file (or source description).</summary>
    public string File { get; }

    /// <summary>1-based line, when the problem has one.</summary>
    public int? Line { get; }

    /// <summary>Column name, when the problem has one.</summary>
    public string? Column { get; }

    /// <summary>The problem without location.</summary>
    public string Problem { get; }

    private static string Format(string file, string problem, int? line, string? column)
    {
        var where = file;
        if (line is not null) where += ":" + line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (column is not null) where += $" column '{column}'";
        return $"{where}: {problem}";
    }
}
