using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Monitoring.Configuration;
using Vigil.Monitoring.Tests.Support;
using Vigil.Monitoring.Webhooks;
using Xunit;

namespace Vigil.Monitoring.Tests.Webhooks;

public sealed class WebhookTests
{
    // RFC 4231 section 4.2 (test case 1) and 4.3 (test case 2): HMAC-SHA-256 outputs.
    [Theory]
    [InlineData("\v\v\v\v\v\v\v\v\v\v\v\v\v\v\v\v\v\v\v\v", "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    public void SignatureMatchesRfc4231(string key, string data, string hex)
    {
        var body = Encoding.ASCII.GetBytes(data);
        Assert.Equal("sha256=" + hex, WebhookSignature.Compute(body, key));
        Assert.True(WebhookSignature.Verify(body, key, "sha256=" + hex));
        Assert.False(WebhookSignature.Verify(body, key + "x", "sha256=" + hex));
    }

    [Fact]
    public async Task RetriesWithBackoffUntilTheReceiverAcceptsAndSigns()
    {
        using var receiver = new WebhookReceiver(failFirst: 2);
        var delays = new List<TimeSpan>();
        using var client = new HttpClient();
        var sender = new WebhookSender(client, TimeProvider.System, delay: (d, _) => { lock (delays) delays.Add(d); return Task.CompletedTask; });
        sender.Enqueue(new WebhookConfig(receiver.Url, "s3cret"), "alert.fired", "credit", DateTimeOffset.UnixEpoch, """{"rule":"drift"}""");
        await sender.WaitIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], delays);
        Assert.Equal(1, sender.Delivered);
        var request = Assert.Single(receiver.Accepted);
        Assert.True(WebhookSignature.Verify(request.Body, "s3cret", request.Signature));
        Assert.Contains("\"type\":\"alert.fired\"", Encoding.UTF8.GetString(request.Body));
        Assert.Equal(3, receiver.Attempts);
    }

    [Fact]
    public async Task GivesUpAfterFiveRetriesOnConnectionFailure()
    {
        var port = FreePort();
        var delays = new List<TimeSpan>();
        using var client = new HttpClient();
        var sender = new WebhookSender(client, TimeProvider.System, delay: (d, _) => { lock (delays) delays.Add(d); return Task.CompletedTask; });
        sender.Enqueue(new WebhookConfig(new Uri($"http://127.0.0.1:{port}/hook"), null), "retrain_requested", "m", DateTimeOffset.UnixEpoch, "{}");
        await sender.WaitIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(WebhookSender.DefaultRetryDelays, delays);
        Assert.Equal(1, sender.Dropped);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
