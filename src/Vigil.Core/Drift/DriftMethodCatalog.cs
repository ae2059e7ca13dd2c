namespace Vigil.Core.Drift;

/// <summary>
/// The registry of drift methods by id (CONTRACTS.md "Drift tests"): the CLI and <see cref="DriftMethodPolicy"/>
/// look methods up here. Ids are case-sensitive, lower-case, as written in the contract.
/// </summary>
public sealed class DriftMethodCatalog
{
    private readonly Dictionary<string, IDriftMethod> methods = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog of the built-in methods, binned ones using <paramref name="binning"/> (null: default).</summary>
    public DriftMethodCatalog(DriftBinning? binning = null, int mmdSeed = 0)
    {
        IDriftMethod[] all =
        [
            new KolmogorovSmirnov(), new ChiSquare(), new TwoProportionZ(), new PopulationStabilityIndex(binning),
            new JensenShannon(binning), new KullbackLeibler(binning), new Wasserstein(), new WassersteinNormalized(),
            new Hellinger(binning), new EnergyDistance(), new AndersonDarling(), new CramerVonMises(), new MannWhitney(),
            new EppsSingleton(), new WelchTTest(), new GTest(), new FisherExact(), new TotalVariation(binning),
            new LInfinity(binning), new MaximumMeanDiscrepancy(seed: mmdSeed),
        ];
        foreach (var m in all) methods.Add(m.Id, m);
    }

    /// <summary>The shared default catalog.</summary>
    public static DriftMethodCatalog Default { get; } = new();

    /// <summary>All registered ids, in contract order.</summary>
    public IReadOnlyCollection<string> Ids => methods.Keys;

    /// <summary>All registered methods.</summary>
    public IReadOnlyCollection<IDriftMethod> Methods => methods.Values;

    /// <summary>The method registered under <paramref name="id"/>; throws <see cref="ArgumentException"/> listing the known ids.</summary>
    public IDriftMethod Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return methods.TryGetValue(id, out var m) ? m
            : throw new ArgumentException($"unknown drift method '{id}'; known: {string.Join(", ", methods.Keys)}", nameof(id));
    }

    /// <summary>True and the method when <paramref name="id"/> is registered.</summary>
    public bool TryGet(string id, out IDriftMethod? method) => methods.TryGetValue(id, out method);

    /// <summary>The numeric implementation of a method; throws when it does not accept numeric data.</summary>
    public INumericDriftMethod GetNumeric(string id) => Get(id) as INumericDriftMethod
        ?? throw new ArgumentException($"drift method '{id}' does not accept numeric columns", nameof(id));

    /// <summary>The categorical implementation of a method; throws when it does not accept categorical data.</summary>
    public ICategoricalDriftMethod GetCategorical(string id) => Get(id) as ICategoricalDriftMethod
        ?? throw new ArgumentException($"drift method '{id}' does not accept categorical columns", nameof(id));
}
