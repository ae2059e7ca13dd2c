using Vigil.Core.Drift;

namespace Vigil.Core.Profiles;

/// <summary>
/// A drift result computed from profiles, with how far the sketches may have moved it.
/// </summary>
/// <param name="Result">Method, statistic, p-value, threshold and decision (made by <see cref="DriftDecision"/>).</param>
/// <param name="ErrorBound">
/// The sketch error: for <c>ks</c> and the distances, |statistic − statistic on the raw data| ≤ ErrorBound with 99%
/// confidence (per the KLL / Space-Saving guarantees); for <c>chisquare</c>, the most any category share may be off.
/// 0 when both sketches are exact.
/// </param>
/// <param name="ErrorBoundMeaning">What <see cref="ErrorBound"/> bounds, in words.</param>
public sealed record ProfileDriftResult(DriftResult Result, double ErrorBound, string ErrorBoundMeaning);

/// <summary>
/// Drift between two column profiles without the raw rows (issue 6 item 5). Methods:
/// <list type="bullet">
/// <item><c>ks</c>: D = max |F_ref(x) − F_cur(x)| over the union of both KLL sketches' held values (where the
/// step CDFs change), p-value from the asymptotic Kolmogorov distribution at n = n_ref·n_cur/(n_ref+n_cur) as
/// <see cref="KolmogorovSmirnov"/> computes it for large samples, but evaluated at max(0, D − ε_ref − ε_cur) so that sketch error
/// alone never signals drift (conservative); error bound on D: ε_ref + ε_cur (each sketch's rank error).</item>
/// <item><c>psi</c>, <c>jensenshannon</c>, <c>hellinger</c>: on B reference-quantile bins (default 10) read from the
/// reference KLL sketch, right-closed, open outer edges, tied edges merged — the rule of <see cref="DriftBinning"/> —
/// with shares from each sketch's CDF; categorical columns use frequent-item shares. The bound is found by interval
/// arithmetic: each share may be off by its sketch's interval error (ε_pmf for KLL, max error/N for Space-Saving); every
/// per-bin term is convex and zero where the shares agree, so its extremes over that box lie at a corner (maximum) or
/// at the point nearest the diagonal (minimum); the bound is the larger distance from the statistic to those extremes.</item>
/// <item><c>chisquare</c>: Pearson's test on the 2×k table of frequent-item counts (their guaranteed lower bounds),
/// plus an "(other)" cell holding the remaining rows when a summary is not exact.</item>
/// </list>
/// When both sketches are exact (every value held) the raw-data methods of <c>Vigil.Core.Drift</c> run on the held
/// values, so the result equals <c>vigil drift</c> on the raw data and the bound is 0. A column without the needed
/// sketch (e.g. <c>ks</c> on a categorical column) or an empty side gives an undefined (NaN) statistic with a reason.
/// Cost: O(k log k) per comparison.
/// </summary>
public static class ProfileDrift
{
    /// <summary>The methods computable from profiles.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["ks", "psi", "jensenshannon", "hellinger", "chisquare"];

    /// <summary>
    /// Compares a column's reference and current profiles with <paramref name="method"/>; <paramref name="threshold"/>
    /// null means the method's default. Throws <see cref="ArgumentException"/> for an unknown method or a bin count below 2.
    /// </summary>
    public static ProfileDriftResult Compare(ColumnProfile reference, ColumnProfile current, string method, double? threshold = null, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(method);
        if (!Methods.Contains(method))
            throw new ArgumentException($"drift method '{method}' cannot be computed from profiles; use one of {string.Join(", ", Methods)}", nameof(method));
        if (bins < 2 || bins > 10000) throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be between 2 and 10000");
        var m = DriftMethodCatalog.Default.Get(method);
        DriftDecision.ResolveThreshold(m, threshold);
        var numeric = reference.Quantiles is { Count: > 0 } && current.Quantiles is { Count: > 0 };
        var categorical = reference.FrequentItems is { TotalCount: > 0 } && current.FrequentItems is { TotalCount: > 0 };
        (DriftStatistic Statistic, double Bound, string Meaning, long RefN, long CurN) r;
        if (method == "chisquare")
            r = categorical ? ChiSquareFromItems(reference, current) : Undefined(m, "chisquare needs frequent items (a categorical or text column) on both sides", reference, current);
        else if (numeric)
            r = method == "ks" ? Ks(reference, current) : Binned(method, reference, current, bins);
        else if (method != "ks" && categorical)
            r = CategoricalShares(method, reference, current);
        else
            r = Undefined(m, method == "ks" ? "ks needs quantile sketches (numeric values) on both sides" : "no numeric values or frequent items on both sides", reference, current);
        return new ProfileDriftResult(DriftDecision.Decide(m, r.Statistic, threshold, r.RefN, r.CurN), r.Bound, r.Meaning);
    }

    private const string StatisticMeaning = "|statistic − raw-data statistic| at 99% confidence";

    private static (DriftStatistic, double, string, long, long) Undefined(IDriftMethod m, string reason, ColumnProfile a, ColumnProfile b) =>
        (DriftStatistic.Undefined(m.ScoreKind, reason), double.NaN, "undefined", a.Count - a.Nulls, b.Count - b.Nulls);

    private static (DriftStatistic, double, string, long, long) Ks(ColumnProfile reference, ColumnProfile current)
    {
        var a = reference.Quantiles!; var b = current.Quantiles!;
        if (a.IsExact && b.IsExact)
            return (new KolmogorovSmirnov().Compute(a.SortedValues, b.SortedValues), 0, StatisticMeaning, a.Count, b.Count);
        var (va, wa) = a.SortedItems(); var (vb, wb) = b.SortedItems();
        double ca = 0, cb = 0, d = 0;
        int i = 0, j = 0;
        while (i < va.Length || j < vb.Length)
        {
            var x = j >= vb.Length || (i < va.Length && va[i] <= vb[j]) ? va[i] : vb[j];
            while (i < va.Length && va[i] == x) ca += wa[i++];
            while (j < vb.Length && vb[j] == x) cb += wb[j++];
            var diff = Math.Abs(ca / a.Count - cb / b.Count);
            if (diff > d) d = diff;
        }
        double n1 = a.Count, n2 = b.Count;
        var en = (int)Math.Min(int.MaxValue, Math.Round(n1 * n2 / (n1 + n2), MidpointRounding.ToEven));
        // the p-value is taken at the smallest D the sketches allow, so sketch noise alone (which can exceed the
        // critical D of large samples) never signals drift
        var bound = a.NormalizedRankError() + b.NormalizedRankError();
        var stat = new DriftStatistic(d, KolmogorovDistribution.Survival(en, Math.Max(0, d - bound)))
        {
            PValueMethod = "asymptotic, from KLL sketches, at max(0, D − error_bound) (conservative)",
        };
        return (stat, bound, StatisticMeaning, a.Count, b.Count);
    }

    private static (DriftStatistic, double, string, long, long) Binned(string method, ColumnProfile reference, ColumnProfile current, int bins)
    {
        var a = reference.Quantiles!; var b = current.Quantiles!;
        if (a.IsExact && b.IsExact)
        {
            var raw = new DriftMethodCatalog(new DriftBinning(BinCountRule.Fixed, bins)).GetNumeric(method);
            return (raw.Compute(a.SortedValues, b.SortedValues), 0, StatisticMeaning, a.Count, b.Count);
        }
        var p = new List<double>(bins); var q = new List<double>(bins);
        double lastEdge = double.NegativeInfinity, prevA = 0, prevB = 0;
        for (var i = 1; i <= bins; i++)
        {
            var edge = i == bins ? double.PositiveInfinity : a.Quantile((double)i / bins);
            if (edge <= lastEdge) continue;
            lastEdge = edge;
            var ra = i == bins ? 1 : a.Rank(edge);
            var rb = i == bins ? 1 : b.Rank(edge);
            p.Add(ra - prevA); q.Add(rb - prevB);
            prevA = ra; prevB = rb;
        }
        var description = $"bins={bins}: {p.Count} reference-quantile bins from the reference KLL sketch (k={a.K}), right-closed (a, b], open outer edges, tied edges merged";
        return ShareDistance(method, p, q, a.NormalizedRankError(pmf: true), b.NormalizedRankError(pmf: true), description, [], a.Count, b.Count);
    }

    private static (double[] Ref, double[] Cur, string[] Labels, IReadOnlyList<string> Unseen) ItemCounts(ColumnProfile reference, ColumnProfile current)
    {
        var a = reference.FrequentItems!; var b = current.FrequentItems!;
        var labels = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in a.Items()) if (seen.Add(e.Value)) labels.Add(e.Value);
        foreach (var e in b.Items()) if (seen.Add(e.Value)) labels.Add(e.Value);
        var exact = a.IsExact && b.IsExact;
        var k = labels.Count + (exact ? 0 : 1);
        var r = new double[k]; var c = new double[k];
        var unseen = new List<string>();
        double sumA = 0, sumB = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            r[i] = a.LowerBound(labels[i]); c[i] = b.LowerBound(labels[i]);
            sumA += r[i]; sumB += c[i];
            if (a.IsExact && r[i] == 0 && c[i] > 0) unseen.Add(labels[i]);
        }
        if (!exact)
        {
            r[k - 1] = a.TotalCount - sumA; c[k - 1] = b.TotalCount - sumB;
            labels.Add("(other)");
        }
        return (r, c, [.. labels], unseen);
    }

    private static (DriftStatistic, double, string, long, long) ChiSquareFromItems(ColumnProfile reference, ColumnProfile current)
    {
        var a = reference.FrequentItems!; var b = current.FrequentItems!;
        var (r, c, labels, _) = ItemCounts(reference, current);
        var counts = new CategoryCounts(labels, Array.ConvertAll(r, x => (long)x), Array.ConvertAll(c, x => (long)x));
        var stat = new ChiSquare().Compute(counts);
        if (!(a.IsExact && b.IsExact)) stat = stat with { PValueMethod = stat.PValueMethod + ", from frequent-item lower bounds plus an (other) cell" };
        var bound = Math.Max((double)a.MaximumError / a.TotalCount, (double)b.MaximumError / b.TotalCount);
        return (stat, bound, "largest possible error of a category share", a.TotalCount, b.TotalCount);
    }

    private static (DriftStatistic, double, string, long, long) CategoricalShares(string method, ColumnProfile reference, ColumnProfile current)
    {
        var a = reference.FrequentItems!; var b = current.FrequentItems!;
        var (r, c, _, unseen) = ItemCounts(reference, current);
        var p = new List<double>(); var q = new List<double>();
        for (var i = 0; i < r.Length; i++)
        {
            if (r[i] + c[i] == 0) continue;
            p.Add(r[i] / a.TotalCount); q.Add(c[i] / b.TotalCount);
        }
        return ShareDistance(method, p, q, (double)a.MaximumError / a.TotalCount, (double)b.MaximumError / b.TotalCount, "category shares (frequent items)", unseen, a.TotalCount, b.TotalCount);
    }

    private static (DriftStatistic, double, string, long, long) ShareDistance(string method, List<double> p, List<double> q, double deltaP, double deltaQ,
        string binning, IReadOnlyList<string> unseen, long refN, long curN)
    {
        double sum = 0, upper = 0, lower = 0;
        for (var i = 0; i < p.Count; i++)
        {
            sum += Term(method, p[i], q[i]);
            double hi = 0;
            foreach (var sp in (ReadOnlySpan<int>)[-1, 1])
                foreach (var sq in (ReadOnlySpan<int>)[-1, 1])
                    hi = Math.Max(hi, Term(method, Math.Clamp(p[i] + sp * deltaP, 0, 1), Math.Clamp(q[i] + sq * deltaQ, 0, 1)));
            upper += hi;
            var gap = q[i] - p[i];
            if (Math.Abs(gap) > deltaP + deltaQ)
            {
                var s = Math.Sign(gap);
                lower += Term(method, p[i] + s * deltaP, q[i] - s * deltaQ);
            }
        }
        var stat = Finish(method, sum);
        var bound = Math.Max(Finish(method, upper) - stat, stat - Finish(method, lower));
        var floors = method == "psi";
        return (new DriftStatistic(stat, null)
        {
            Binning = binning,
            EmptyBinRule = floors ? DriftBinning.EmptyBinFloorRule : "none (empty bins contribute their exact term)",
            UnseenCategories = unseen,
        }, Math.Max(0, bound), StatisticMeaning, refN, curN);
    }

    // per-bin terms of the same formulas as PopulationStabilityIndex, JensenShannon and Hellinger
    private static double Term(string method, double p, double q)
    {
        switch (method)
        {
            case "psi":
                if (p == 0) p = DriftBinning.EmptyBinShare;
                if (q == 0) q = DriftBinning.EmptyBinShare;
                return (q - p) * Math.Log(q / p);
            case "jensenshannon":
                var m = (p + q) / 2;
                return (p > 0 ? p * Math.Log(p / m) : 0) + (q > 0 ? q * Math.Log(q / m) : 0);
            default:
                var d = Math.Sqrt(p) - Math.Sqrt(q);
                return d * d;
        }
    }

    private static double Finish(string method, double sum) => method switch
    {
        "psi" => sum,
        "jensenshannon" => Math.Sqrt(Math.Max(0, sum / Math.Log(2) / 2)),
        _ => Math.Sqrt(sum / 2),
    };
}
