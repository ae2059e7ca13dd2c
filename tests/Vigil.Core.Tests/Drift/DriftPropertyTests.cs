using FsCheck;
using FsCheck.Fluent;
using Vigil.Core.Drift;
using Xunit;

namespace Vigil.Core.Tests.Drift;

/// <summary>FsCheck properties over every numeric and categorical method in the catalog.</summary>
public class DriftPropertyTests
{
    private static readonly string[] Symmetric = ["ks", "wasserstein", "energy_distance", "anderson", "cramer_von_mises", "mann_whitney", "t_test", "epps_singleton", "jensenshannon", "hellinger", "tvd", "l_infinity"];

    private static double[] Sorted(int[] values)
    {
        var x = Array.ConvertAll(values, v => v / 4.0);
        Array.Sort(x);
        return x;
    }

    private static bool Usable(int[] a, int[] b) => a.Length >= 6 && b.Length >= 6;

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool PValuesInUnitIntervalAndDistancesNonNegative(int[] a, int[] b)
    {
        if (!Usable(a, b)) return true;
        var x = Sorted(a); var y = Sorted(b);
        foreach (var m in DriftMethodCatalog.Default.Methods)
        {
            if (m is not INumericDriftMethod numeric || m.Id == "mmd") continue;
            var r = numeric.Compute(x, y);
            if (double.IsNaN(r.Statistic)) { if (r.Reason is null) return false; continue; }
            if (m.ScoreKind == DriftScoreKind.PValue && !(r.PValue >= 0 && r.PValue <= 1)) return false;
            if (m.ScoreKind == DriftScoreKind.Distance && !(r.Statistic >= 0)) return false;
        }
        return true;
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool SymmetricMethodsAreSymmetric(int[] a, int[] b)
    {
        if (!Usable(a, b)) return true;
        var x = Sorted(a); var y = Sorted(b);
        foreach (var id in Symmetric)
        {
            var m = DriftMethodCatalog.Default.GetNumeric(id);
            if (m is BinnedDistance) continue; // bins come from the reference, so swapping changes the bins
            var r1 = m.Compute(x, y); var r2 = m.Compute(y, x);
            var p1 = r1.PValue ?? r1.Statistic; var p2 = r2.PValue ?? r2.Statistic;
            if (double.IsNaN(p1) != double.IsNaN(p2)) return false;
            if (!double.IsNaN(p1) && Math.Abs(p1 - p2) > 1e-9 * Math.Max(1, Math.Abs(p1))) return false;
        }
        return true;
    }

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public bool IdenticalSamplesDoNotDrift(int[] a)
    {
        if (a.Length < 6) return true;
        var x = Sorted(a);
        foreach (var m in DriftMethodCatalog.Default.Methods)
        {
            if (m is not INumericDriftMethod numeric) continue;
            var r = DriftDecision.Decide(m, numeric.Compute(x, x), m.DefaultThreshold ?? 1e-9, x.Length, x.Length);
            if (r.Drift) return false;
        }
        return true;
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool IdenticalCategoryCountsDoNotDrift(PositiveInt c1, PositiveInt c2, PositiveInt c3)
    {
        long[] counts = [c1.Get, c2.Get, c3.Get];
        var table = new CategoryCounts(["a", "b", "c"], counts, (long[])counts.Clone());
        foreach (var m in DriftMethodCatalog.Default.Methods)
        {
            if (m is not ICategoricalDriftMethod categorical) continue;
            var r = DriftDecision.Decide(m, categorical.Compute(table), null, 1, 1);
            if (r.Drift) return false;
            if (m.ScoreKind == DriftScoreKind.PValue && r.PValue is { } p && !double.IsNaN(p) && !(p >= 0 && p <= 1)) return false;
        }
        return true;
    }

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public bool BenjaminiHochbergAdjustedAtLeastRawAndMonotone(double[] raw)
    {
        var p = Array.ConvertAll(raw, v => double.IsFinite(v) ? Math.Abs(v) % 1.0 : 0.5);
        var adj = BenjaminiHochberg.Adjust(p);
        for (var i = 0; i < p.Length; i++)
        {
            if (adj[i] < p[i] - 1e-15 || adj[i] > 1) return false;
            for (var j = 0; j < p.Length; j++) if (p[i] < p[j] && adj[i] > adj[j] + 1e-15) return false;
        }
        return true;
    }
}
