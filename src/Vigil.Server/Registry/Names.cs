using System.Text.RegularExpressions;
using Vigil.Server.Problems;

namespace Vigil.Server.Registry;

/// <summary>Model, version and alias names: <c>[A-Za-z0-9_.-]{1,100}</c> (safe in URLs, file names and SQL identifiers).</summary>
internal static partial class Names
{
    public static string Check(string? value, string field)
    {
        if (value is null || !Pattern().IsMatch(value))
            throw ApiProblemException.BadRequest($"'{field.TrimStart('$', '.')}' must be 1 to 100 characters of letters, digits, '_', '.' or '-' (got '{value}')", field);
        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex Pattern();
}
