namespace Vigil.Monitoring.Alerts;

/// <summary>What to do with an alert rule after a window.</summary>
public enum AlertAction
{
    /// <summary>Nothing changes.</summary>
    None,
    /// <summary>The rule held for its required windows and no alert of it is firing: fire one.</summary>
    Fire,
    /// <summary>An alert of the rule is firing and the rule no longer holds on the latest window: resolve it.</summary>
    Resolve,
}

/// <summary>The decision for one rule, with the evidence (windows and observed values) as JSON.</summary>
/// <param name="Action">Fire, resolve or nothing.</param>
/// <param name="EvidenceJson">Evidence for fire / resolve, else null.</param>
public sealed record AlertDecision(AlertAction Action, string? EvidenceJson)
{
    /// <summary>No change.</summary>
    public static AlertDecision None { get; } = new(AlertAction.None, null);
}
