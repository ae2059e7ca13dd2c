namespace Vigil.Core.Drift.Streaming;

/// <summary>A detector in the <see cref="DetectorCatalog"/>: its name, input kind, parameters and factory.</summary>
public sealed class DetectorDescriptor
{
    private readonly Func<DetectorParameterReader, IChangeDetector> factory;

    internal DetectorDescriptor(string name, string summary, bool isBinary, bool hasWarning, DetectorParameter[] parameters,
        Func<DetectorParameterReader, IChangeDetector> factory)
    {
        Name = name;
        Summary = summary;
        IsBinary = isBinary;
        HasWarning = hasWarning;
        Parameters = parameters;
        this.factory = factory;
    }

    /// <summary>The catalog name (lower snake case, e.g. <c>page_hinkley</c>).</summary>
    public string Name { get; }

    /// <summary>One line describing the method and its reference.</summary>
    public string Summary { get; }

    /// <summary>True when the detector accepts only 0 (correct) and 1 (error).</summary>
    public bool IsBinary { get; }

    /// <summary>True when the method defines a warning zone.</summary>
    public bool HasWarning { get; }

    /// <summary>The parameters with their defaults, in River's order.</summary>
    public IReadOnlyList<DetectorParameter> Parameters { get; }

    /// <summary>Creates the detector; parameters not given take their defaults.</summary>
    /// <exception cref="ArgumentException">An unknown parameter name (the message lists the valid ones) or an invalid value.</exception>
    public IChangeDetector Create(IReadOnlyDictionary<string, string>? parameters = null)
    {
        var reader = new DetectorParameterReader(this, parameters);
        try
        {
            return factory(reader);
        }
        catch (ArgumentException e) when (e is not DetectorParameterException)
        {
            throw new ArgumentException($"Invalid parameters for detector '{Name}': {e.Message}", nameof(parameters), e);
        }
    }
}
