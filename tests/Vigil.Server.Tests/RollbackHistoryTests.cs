using Vigil.Server.Registry;
using Vigil.Storage;

namespace Vigil.Server.Tests;

/// <summary>Rollback walks the alias history back as a stack: repeated rollbacks go further back, never undo each other.</summary>
public sealed class RollbackHistoryTests
{
    private static AliasChange Change(string? from, string to, string kind) => new("m", "champion", from, to, kind, null, "t", DateTimeOffset.UnixEpoch);

    [Fact]
    public void NoPreviousVersionAfterASingleSet() =>
        Assert.Null(RegistryEndpoints.PreviousVersion([Change(null, "v1", "set")]));

    [Fact]
    public void RollbacksWalkBackThroughEveryEarlierHolder()
    {
        var history = new List<AliasChange> { Change(null, "v1", "set"), Change("v1", "v2", "promote"), Change("v2", "v3", "set") };
        Assert.Equal("v2", RegistryEndpoints.PreviousVersion(history));
        history.Add(Change("v3", "v2", "rollback"));
        Assert.Equal("v1", RegistryEndpoints.PreviousVersion(history));
        history.Add(Change("v2", "v1", "rollback"));
        Assert.Null(RegistryEndpoints.PreviousVersion(history));
        history.Add(Change("v1", "v4", "promote"));
        Assert.Equal("v1", RegistryEndpoints.PreviousVersion(history));
    }
}
