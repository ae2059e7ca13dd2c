namespace Vigil.Monitoring.Tests.Support;

/// <summary>A settable clock (Microsoft.Extensions.TimeProvider.Testing is not served here).</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
