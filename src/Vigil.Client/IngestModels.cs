namespace Vigil.Client;

/// <summary>
/// One prediction to log. <see cref="Features"/> values are numbers (any .NET numeric type; NaN = missing), strings,
/// booleans (sent as <c>"true"</c>/<c>"false"</c>) or null. Give <see cref="Score"/> (binary: the positive-class
/// probability) or <see cref="Scores"/> (multiclass: label → probability), not both.
/// </summary>
/// <param name="Id">Event id, unique per model; re-sending an id is a no-op counted as a duplicate.</param>
/// <param name="Timestamp">Event time (UTC; an unspecified kind is taken as UTC, local times are converted).</param>
/// <param name="Features">Feature name → value.</param>
/// <param name="Prediction">Predicted label (or value, as text), or null.</param>
/// <param name="Score">Positive-class probability, or null.</param>
/// <param name="Scores">Label → probability, or null.</param>
/// <param name="Version">Model version that made the prediction, or null.</param>
public sealed record PredictionEvent(
    string Id, DateTime Timestamp, IReadOnlyDictionary<string, object?> Features, string? Prediction = null, double? Score = null,
    IReadOnlyDictionary<string, double>? Scores = null, string? Version = null);

/// <summary>The true label of a logged (or not yet logged) prediction.</summary>
/// <param name="Id">The prediction event id.</param>
/// <param name="Label">True label as text (the number, invariant culture, for regression).</param>
/// <param name="Timestamp">When the label was observed, or null.</param>
public sealed record LabelRecord(string Id, string Label, DateTime? Timestamp = null);

/// <summary>An event the server refused, and why.</summary>
/// <param name="Index">0-based position in the request.</param>
/// <param name="Id">Its id, or null when missing.</param>
/// <param name="Reason">e.g. "unknown feature 'x'", "score outside [0,1]".</param>
public sealed record RejectedEvent(int Index, string? Id, string Reason);

/// <summary>Outcome of a prediction batch: accepted events are committed before the response.</summary>
/// <param name="Accepted">Events stored.</param>
/// <param name="Duplicates">Events whose id was already stored (no-ops).</param>
/// <param name="Rejected">Events refused, with reasons.</param>
public sealed record IngestResult(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

/// <summary>A label the server refused, and why.</summary>
/// <param name="Index">0-based position in the request.</param>
/// <param name="Reason">Why.</param>
public sealed record RejectedLabel(int Index, string Reason);

/// <summary>Outcome of a label batch.</summary>
/// <param name="Stored">Labels stored.</param>
/// <param name="Matched">Labels whose prediction is already stored.</param>
/// <param name="Pending">Labels for ids not seen yet (joined when the prediction arrives).</param>
/// <param name="Rejected">Labels refused, with reasons.</param>
public sealed record LabelResult(int Stored, int Matched, int Pending, IReadOnlyList<RejectedLabel> Rejected);
