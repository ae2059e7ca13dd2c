namespace Vigil.Monitoring.Windows;

/// <summary>Which window is computed: its bounds, number and whether it has closed.</summary>
/// <param name="Start">Inclusive start (UTC).</param>
/// <param name="End">Exclusive end (UTC).</param>
/// <param name="Index">Window number, 0-based.</param>
/// <param name="Closed">True once closed (event time or wall clock passed end + grace, or the count was reached).</param>
public sealed record WindowSpan(DateTime Start, DateTime End, long Index, bool Closed);
