namespace Vigil.Core.Drift.Streaming;

/// <summary>One parameter of a catalogued detector: its River name, its default (as text) and what it means.</summary>
/// <param name="Name">The parameter name (River's), e.g. <c>delta</c>.</param>
/// <param name="DefaultValue">The default as accepted by the parser; <c>none</c> means "estimate" / "random".</param>
/// <param name="Description">One line for help texts.</param>
public sealed record DetectorParameter(string Name, string DefaultValue, string Description);
