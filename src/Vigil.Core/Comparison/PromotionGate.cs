using System.Globalization;
using Vigil.Core.Evaluation;

namespace Vigil.Core.Comparison;

/// <summary>Whether a gate condition is a margin on the difference or a floor on the candidate.</summary>
public enum GateCheckKind
{
    /// <summary>A non-inferiority margin on candidate − baseline, judged on a confidence bound of the difference.</summary>
    Margin,

    /// <summary>An absolute requirement on the candidate's value (point estimate).</summary>
    Floor,
}

/// <summary>One condition of a <see cref="PromotionGate"/>: <c>METRIC OP NUMBER</c> of a <see cref="GateCheckKind"/>.</summary>
/// <param name="Kind">Margin or floor.</param>
/// <param name="Metric">Metric id.</param>
/// <param name="Operator"><c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c> or <c>&lt;</c>.</param>
/// <param name="Threshold">The margin or floor value.</param>
public sealed record GateCondition(GateCheckKind Kind, string Metric, string Operator, double Threshold)
{
    /// <summary>
    /// Which quantity the condition is judged on: for a margin the pessimistic end of the difference's interval in the
    /// direction the condition asks for (<c>ci_low</c> for <c>&gt;=</c>/<c>&gt;</c>, <c>ci_high</c> for <c>&lt;=</c>/<c>&lt;</c>);
    /// for a floor the candidate's value (<c>candidate</c>).
    /// </summary>
    public string Bound => Kind == GateCheckKind.Floor ? "candidate" : Operator is ">=" or ">" ? "ci_low" : "ci_high";

    /// <summary>True when <paramref name="observed"/> satisfies the condition (false for NaN).</summary>
    public bool Holds(double observed) => new MetricCondition(Metric, Operator, Threshold).Holds(observed);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Metric} {Operator} {Threshold}");
}

/// <summary>The outcome of one gate condition.</summary>
/// <param name="Condition">The condition.</param>
/// <param name="Observed">The bound it was judged on (see <see cref="GateCondition.Bound"/>); NaN when unavailable.</param>
/// <param name="Passed">True when the condition holds on <paramref name="Observed"/>.</param>
/// <param name="Reason">Why it could not be judged (it then fails), or null.</param>
public sealed record GateCheck(GateCondition Condition, double Observed, bool Passed, string? Reason);

/// <summary>The gate's verdict: passed iff every check passed (an empty gate passes).</summary>
/// <param name="Passed">True when every check passed.</param>
/// <param name="Checks">Each condition with its observed bound and verdict, in the gate's order.</param>
public sealed record GateResult(bool Passed, IReadOnlyList<GateCheck> Checks);

/// <summary>
/// The statistical promotion gate (CONTRACTS.md "Conditions and gates"): margins and floors a candidate must meet against a baseline.
/// <para>
/// Margins are non-inferiority margins on the difference d = candidate − baseline, judged on the confidence bound that is
/// pessimistic for the written direction: <c>roc_auc &gt;= -0.01</c> passes iff ci_low(d) ≥ −0.01 (the candidate is, with the
/// interval's confidence, at most 0.01 worse). For lower-is-better metrics the condition is still written on d as given and
/// judged on the upper bound for <c>&lt;=</c>/<c>&lt;</c>: <c>log_loss &lt;= 0.02</c> passes iff ci_high(d) ≤ 0.02.
/// Floors are absolute conditions on the candidate's point value: <c>roc_auc &gt;= 0.8</c>.
/// </para>
/// <para>
/// The registry shape <c>{"margins": {"roc_auc": -0.01}, "floors": {"roc_auc": 0.80}}</c> gives numbers only; the operator
/// follows the metric's direction (<see cref="FromRegistry"/>): <c>&gt;=</c> for higher-is-better metrics, <c>&lt;=</c> for
/// lower-is-better ones (a log_loss margin of 0.02 means "at most 0.02 worse", a log_loss floor of 0.4 means "at most 0.4").
/// </para>
/// A condition on a metric that was not compared, or whose bound is undefined, fails with a reason.
/// </summary>
public sealed class PromotionGate
{
    /// <summary>A gate over the given conditions.</summary>
    public PromotionGate(IReadOnlyList<GateCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        Conditions = conditions;
    }

    /// <summary>The conditions, margins then floors as given.</summary>
    public IReadOnlyList<GateCondition> Conditions { get; }

    /// <summary>The metrics the gate needs compared.</summary>
    public IEnumerable<string> Metrics => Conditions.Select(c => c.Metric).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Parses <c>--gate</c> margins and <c>--floor</c> floors, each <c>METRIC OP NUMBER</c> separated by <c>;</c> (either may be
    /// null). Throws <see cref="FormatException"/> naming the text that cannot be read.
    /// </summary>
    public static PromotionGate Parse(string? margins, string? floors)
    {
        var list = new List<GateCondition>();
        if (margins is not null)
            foreach (var c in MetricCondition.ParseAll(margins)) list.Add(new GateCondition(GateCheckKind.Margin, c.Metric, c.Operator, c.Value));
        if (floors is not null)
            foreach (var c in MetricCondition.ParseAll(floors)) list.Add(new GateCondition(GateCheckKind.Floor, c.Metric, c.Operator, c.Value));
        return new PromotionGate(list);
    }

    /// <summary>
    /// The registry's shape: margins and floors by metric id; <paramref name="higherIsBetter"/> gives each metric's
    /// direction, which picks the operator (<c>&gt;=</c> or <c>&lt;=</c>).
    /// </summary>
    public static PromotionGate FromRegistry(IReadOnlyDictionary<string, double>? margins, IReadOnlyDictionary<string, double>? floors,
        Func<string, bool> higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(higherIsBetter);
        var list = new List<GateCondition>();
        foreach (var (metric, value) in margins ?? new Dictionary<string, double>())
            list.Add(new GateCondition(GateCheckKind.Margin, metric, higherIsBetter(metric) ? ">=" : "<=", value));
        foreach (var (metric, value) in floors ?? new Dictionary<string, double>())
            list.Add(new GateCondition(GateCheckKind.Floor, metric, higherIsBetter(metric) ? ">=" : "<=", value));
        return new PromotionGate(list);
    }

    /// <summary>Judges every condition against the compared metrics.</summary>
    public GateResult Evaluate(IReadOnlyList<MetricComparison> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var checks = new List<GateCheck>(Conditions.Count);
        foreach (var c in Conditions)
        {
            MetricComparison? m = null;
            foreach (var x in metrics)
                if (string.Equals(x.Metric, c.Metric, StringComparison.Ordinal)) { m = x; break; }
            if (m is null)
            {
                checks.Add(new GateCheck(c, double.NaN, false, $"{c.Metric} was not compared"));
                continue;
            }
            var observed = c.Bound switch { "candidate" => m.Candidate, "ci_low" => m.CiLow, _ => m.CiHigh };
            if (double.IsNaN(observed))
            {
                checks.Add(new GateCheck(c, observed, false, $"{c.Bound} of {c.Metric} is undefined{(m.Reason is null ? "" : $" ({m.Reason})")}"));
                continue;
            }
            checks.Add(new GateCheck(c, observed, c.Holds(observed), null));
        }
        var passed = true;
        foreach (var check in checks) passed &= check.Passed;
        return new GateResult(passed, checks);
    }
}
