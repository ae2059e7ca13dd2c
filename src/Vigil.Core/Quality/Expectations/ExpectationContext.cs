using Vigil.Core.Data;
using Vigil.Core.Drift;

namespace Vigil.Core.Quality.Expectations;

/// <summary>
/// What a check may use besides its parameters: the data, the clock (<c>freshness</c>), a loader for reference
/// files (<c>drift_against</c>; Core reads no files itself, the caller injects the reader) and the drift catalog.
/// Reference frames are loaded once per path and cached for the run.
/// </summary>
public sealed class ExpectationContext
{
    private readonly Func<string, DataFrame>? _referenceLoader;
    private readonly Dictionary<string, DataFrame> _references = new(StringComparer.Ordinal);

    /// <summary>Creates a context.</summary>
    /// <param name="data">The data to validate.</param>
    /// <param name="clock">The clock for freshness checks (null: <see cref="TimeProvider.System"/>).</param>
    /// <param name="referenceLoader">Reads a reference file by the path written in the suite (null: drift checks fail with a reason).</param>
    /// <param name="driftMethods">The drift method registry (null: <see cref="DriftMethodCatalog.Default"/>).</param>
    public ExpectationContext(DataFrame data, TimeProvider? clock = null, Func<string, DataFrame>? referenceLoader = null, DriftMethodCatalog? driftMethods = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        Clock = clock ?? TimeProvider.System;
        _referenceLoader = referenceLoader;
        DriftMethods = driftMethods ?? DriftMethodCatalog.Default;
    }

    /// <summary>The data under validation.</summary>
    public DataFrame Data { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The drift methods.</summary>
    public DriftMethodCatalog DriftMethods { get; }

    /// <summary>The reference frame at <paramref name="path"/> (cached); throws when no loader was given or the loader fails.</summary>
    public DataFrame LoadReference(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_references.TryGetValue(path, out var f)) return f;
        if (_referenceLoader is null) throw new InvalidOperationException("no reference loader was given to the validation");
        f = _referenceLoader(path);
        _references[path] = f;
        return f;
    }
}
