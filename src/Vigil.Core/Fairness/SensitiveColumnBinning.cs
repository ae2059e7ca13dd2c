namespace Vigil.Core.Fairness;

/// <summary>
/// How a numeric sensitive column was cut into groups: the interior cut points <see cref="Edges"/> (ascending) and
/// whether they were given by the caller or are the default quantiles. Bins are right-closed with open outer
/// edges: (−∞, e₁], (e₁, e₂], …, (e_k, +∞) — the convention of pandas <c>cut</c>/<c>qcut</c>.
/// </summary>
/// <param name="Column">The sensitive column.</param>
/// <param name="Edges">Interior cut points actually used (duplicates and points outside the data range dropped for quantile bins).</param>
/// <param name="Rule">"given" (caller-supplied edges) or "quantile(N)" (N equal-mass bins on the evaluated rows).</param>
public sealed record SensitiveColumnBinning(string Column, IReadOnlyList<double> Edges, string Rule);
