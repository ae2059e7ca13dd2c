using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Server.Operations;
using Vigil.Server.Tests.Ingest;
using Vigil.Storage;

namespace Vigil.Server.Tests;

/// <summary>
/// <c>--retention</c>: raw events older than the period go once their windows are closed; events of windows not yet
/// closed stay even when old (CONTRACTS.md "Retention").
/// </summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task DeletesOnlyOldEventsWhoseWindowsAreClosed()
    {
        await using var db = TestDatabase.DuckDb();
        await using var server = await ServerHost.StartAsync(db.Options() with { Retention = TimeSpan.FromDays(1) });
        await IngestTestModel.CreateAsync(server, "m");
        // 200 events one second apart; "now" is 30 days later, so all are older than the retention: the closed window decides
        var r = await server.Client.PostAsync("/api/v1/models/m/predictions", IngestTestModel.Json(IngestTestModel.Array("e", 0, 200)));
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        var store = server.App.Services.GetRequiredService<IVigilStore>();
        Assert.Equal(200, await store.Predictions.CountAsync("m"));

        var closedEnd = IngestTestModel.Time(120); // events 0..119 lie in the closed window
        await store.Windows.UpsertAsync(new WindowRecord("m", IngestTestModel.Time(0), closedEnd, 0, true, 120, 0, null, "{}", DateTimeOffset.UtcNow));
        var options = server.App.Services.GetRequiredService<ServerOptions>();
        var retention = new RetentionService(store, options, new FixedClock(IngestTestModel.Time(0).AddDays(30)), NullLogger<RetentionService>.Instance);
        const int expectDeleted = 120;
        Assert.Equal(expectDeleted, await retention.RunOnceAsync(CancellationToken.None));
        Assert.Equal(200 - expectDeleted, await store.Predictions.CountAsync("m"));

        // an open window protects its events whatever their age
        await store.Windows.UpsertAsync(new WindowRecord("m", closedEnd, IngestTestModel.Time(400), 1, false, 80, 0, null, "{}", DateTimeOffset.UtcNow));
        Assert.Equal(0, await retention.RunOnceAsync(CancellationToken.None));
        Assert.Equal(200 - expectDeleted, await store.Predictions.CountAsync("m"));
    }
}

internal sealed class FixedClock(DateTime utc) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
}
