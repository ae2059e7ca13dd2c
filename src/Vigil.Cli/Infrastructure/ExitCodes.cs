namespace Vigil.Cli.Infrastructure;

/// <summary>Exit codes shared by every command (CONTRACTS.md).</summary>
public static class ExitCodes
{
    /// <summary>Done; checks passed.</summary>
    public const int Ok = 0;

    /// <summary>A stated condition held (--fail-if, --fail-on-drift, a failed gate or error-severity check).</summary>
    public const int ConditionHeld = 1;

    /// <summary>Usage or input error.</summary>
    public const int UsageError = 2;

    /// <summary>Internal error.</summary>
    public const int InternalError = 3;
}
