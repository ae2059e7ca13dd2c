namespace Vigil.Core.Drift.Streaming;

/// <summary>Which direction of change <see cref="PageHinkley"/> watches (River's <c>mode</c>: up, down, both).</summary>
public enum PageHinkleyMode
{
    /// <summary>Increases of the mean (<c>up</c>).</summary>
    Up,

    /// <summary>Decreases of the mean (<c>down</c>).</summary>
    Down,

    /// <summary>Either direction (<c>both</c>, the default).</summary>
    Both,
}
