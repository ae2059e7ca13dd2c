using System.Globalization;
using System.Text;
using Vigil.Core.Data;
using Vigil.Core.Quality.Expectations;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.IO.Suites;

/// <summary>
/// Reads and writes expectation suites as YAML (JSON is accepted on reading: it is parsed by the same YAML parser, so
/// lines are reported the same way). Layout:
/// <code>
/// suite: orders            # optional name
/// checks:
///   - check: between       # the check type
///     column: amount
///     min: 0
///     severity: warn       # optional, default error
///     name: amount range   # optional
/// </code>
/// Every problem — YAML syntax (YamlDotNet's <c>Start.Line</c>), an unknown check type or parameter, a missing required
/// parameter, a bad value — is a <see cref="DataFormatException"/> naming the file and the 1-based line (of the
/// parameter when known, else of the check), which the CLI reports with exit code 2.
/// </summary>
public static class SuiteFile
{
    /// <summary>Reads a suite document from <paramref name="path"/> (an unreadable file is a <see cref="DataFormatException"/>).</summary>
    public static SuiteDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot read the suite: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Reads and builds the suite at <paramref name="path"/>, every check validated (errors carry the line).</summary>
    public static ExpectationSuite Load(string path) => Build(Read(path), path);

    /// <summary>Builds a parsed document, turning check problems into <see cref="DataFormatException"/>s at their line.</summary>
    public static ExpectationSuite Build(SuiteDocument document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        try { return ExpectationFactory.Create(document); }
        catch (SuiteSpecException e) { throw new DataFormatException(source, e.Message, e.Line); }
    }

    /// <summary>Parses suite text; <paramref name="source"/> names it in errors.</summary>
    public static SuiteDocument Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        try { stream.Load(parser); }
        catch (YamlException e)
        {
            throw new DataFormatException(source, "invalid YAML/JSON: " + (e.InnerException?.Message ?? e.Message), LineOf(e.Start));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this (not a YamlException) for some unterminated flow collections at the end of input.
            throw new DataFormatException(source, "invalid YAML/JSON: unterminated list or mapping (a missing ']' or '}'?) after this line", parser.LastLine);
        }
        if (stream.Documents.Count == 0) throw new DataFormatException(source, "the suite is empty; expected a mapping with 'checks'");
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new DataFormatException(source, "the suite must be a mapping with 'checks' (a list of checks)", LineOf(stream.Documents[0].RootNode.Start));
        string? name = null;
        YamlSequenceNode? checks = null;
        foreach (var (k, v) in root.Children)
        {
            var key = (k as YamlScalarNode)?.Value;
            switch (key)
            {
                case "suite" or "name":
                    name = (v as YamlScalarNode)?.Value ?? throw new DataFormatException(source, $"'{key}' must be a single value", LineOf(v.Start));
                    break;
                case "checks":
                    checks = v as YamlSequenceNode ?? throw new DataFormatException(source, "'checks' must be a list of checks", LineOf(v.Start));
                    break;
                default:
                    throw new DataFormatException(source, $"unknown top-level key '{key}' (expected suite, checks)", LineOf(k.Start));
            }
        }
        if (checks is null) throw new DataFormatException(source, "the suite has no 'checks' list", LineOf(root.Start));
        var specs = new List<ExpectationSpec>();
        foreach (var item in checks.Children) specs.Add(ParseCheck(item, source));
        return new SuiteDocument(name, specs);
    }

    /// <summary>Remembers the line of the last event read, so errors without a position can still point somewhere.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public int LastLine { get; private set; } = 1;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var ok = inner.MoveNext();
            if (ok && inner.Current is { } e) LastLine = LineOf(e.Start);
            return ok;
        }
    }

    private static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    private static ExpectationSpec ParseCheck(YamlNode node, string source)
    {
        var line = LineOf(node.Start);
        if (node is not YamlMappingNode map) throw new DataFormatException(source, "each check must be a mapping with 'check: TYPE' and its parameters", line);
        string? check = null;
        var parameters = new List<KeyValuePair<string, SuiteValue>>();
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? throw new DataFormatException(source, "check parameter names must be plain text", LineOf(k.Start));
            var valueLine = LineOf(v.Start);
            if (key == "check")
            {
                check = (v as YamlScalarNode)?.Value ?? throw new DataFormatException(source, "'check' must name the check type", valueLine);
                continue;
            }
            SuiteValue value = v switch
            {
                YamlScalarNode s => SuiteValue.Plain(IsNull(s) ? null : s.Value, valueLine),
                YamlSequenceNode seq => SuiteValue.List(seq.Children.Select(c => c is YamlScalarNode cs
                    ? (IsNull(cs) ? null : cs.Value)
                    : throw new DataFormatException(source, $"parameter '{key}' must be a list of plain values", LineOf(c.Start))), valueLine),
                _ => throw new DataFormatException(source, $"parameter '{key}' must be a value or a list, not a mapping", valueLine),
            };
            parameters.Add(new(key, value));
        }
        if (check is null) throw new DataFormatException(source, $"check without 'check: TYPE' (types: {string.Join(", ", ExpectationFactory.CheckTypes)})", line);
        return new ExpectationSpec(check, parameters) { Line = line };
    }

    private static bool IsNull(YamlScalarNode s) =>
        s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" || string.Equals(s.Value, "null", StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes <paramref name="document"/> as YAML to <paramref name="path"/>.</summary>
    public static void Write(string path, SuiteDocument document)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, Format(document));
    }

    /// <summary>
    /// The YAML text of a document: header comments, <c>suite:</c>, then each check preceded by its comment. Text values
    /// are double-quoted (with escapes), numbers and flags plain, lists in flow style, so the file reads back to the same
    /// document.
    /// </summary>
    public static string Format(SuiteDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        foreach (var c in document.HeaderComments) sb.Append("# ").Append(OneLine(c)).Append('\n');
        if (document.Name is not null) sb.Append("suite: ").Append(Quote(document.Name)).Append('\n');
        sb.Append("checks:\n");
        foreach (var spec in document.Checks)
        {
            if (spec.Comment is not null) sb.Append("  # ").Append(OneLine(spec.Comment)).Append('\n');
            sb.Append("  - check: ").Append(spec.Check).Append('\n');
            foreach (var (key, value) in spec.Parameters)
                sb.Append("    ").Append(key).Append(": ").Append(Format(value)).Append('\n');
        }
        return sb.ToString();
    }

    private static string OneLine(string s) => s.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Format(SuiteValue v)
    {
        if (v.Items is { } items) return "[" + string.Join(", ", items.Select(i => i is null ? "null" : Quote(i))) + "]";
        if (v.Scalar is null) return "null";
        return v.Quoted ? Quote(v.Scalar) : v.Scalar;
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(ch)) sb.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(ch);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
