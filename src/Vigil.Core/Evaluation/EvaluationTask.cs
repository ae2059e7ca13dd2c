namespace Vigil.Core.Evaluation;

/// <summary>The kind of model being evaluated.</summary>
public enum EvaluationTask
{
    /// <summary>Two classes; a score for the positive class and/or hard predictions.</summary>
    Binary,
    /// <summary>Three or more classes; one probability column per class and/or predicted labels.</summary>
    Multiclass,
    /// <summary>A numeric target and a numeric prediction.</summary>
    Regression,
    /// <summary>Items scored within queries, graded relevance labels.</summary>
    Ranking,
}
