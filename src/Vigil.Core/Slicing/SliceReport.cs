namespace Vigil.Core.Slicing;

/// <summary>The result of <see cref="SliceAnalysis"/>: every group of every slice column, with the settings used.</summary>
/// <param name="Groups">Groups in column order, then value order (categories as first seen, bins ascending, missing last).</param>
/// <param name="Settings">The settings used.</param>
/// <param name="Correction">The multiple-testing correction applied across every tested group (<c>benjamini_hochberg</c>).</param>
public sealed record SliceReport(IReadOnlyList<SliceGroup> Groups, SliceSettings Settings, string Correction = "benjamini_hochberg");
