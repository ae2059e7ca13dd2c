using System.Net;
using System.Net.Sockets;
using Vigil.Client;
using Xunit;

namespace Vigil.Client.Tests;

/// <summary>What the client does with no server: a real closed loopback port refuses the connection.</summary>
public class ConnectionTests
{
    private static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task ConnectionRefusedIsAVigilConnectionExceptionNamingTheServer()
    {
        var address = ClosedPort();
        using var client = new VigilClient(address);
        var e = await Assert.ThrowsAsync<VigilConnectionException>(() => client.ListModelsAsync());
        Assert.Equal("connection refused", e.Reason);
        Assert.Equal(new Uri(address, "/"), e.ServerAddress);
        Assert.Contains("no Vigil server at", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
    }

    [Fact]
    public async Task HealthChecksAlsoReportTheMissingServer()
    {
        using var client = new VigilClient(ClosedPort());
        await Assert.ThrowsAsync<VigilConnectionException>(() => client.IsLiveAsync());
        await Assert.ThrowsAsync<VigilConnectionException>(() => client.IngestPredictionsAsync("m", []));
    }

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("not a url")]
    public void AddressesMustBeAbsoluteHttpUrls(string address) => Assert.Throws<ArgumentException>(() => VigilClient.ParseAddress(address));

    [Fact]
    public void TheBaseAddressAlwaysEndsWithASlashSoPathsAppend()
    {
        using var client = new VigilClient("http://127.0.0.1:5080/vigil");
        Assert.Equal("http://127.0.0.1:5080/vigil/", client.ServerAddress.ToString());
    }

    [Fact]
    public void AnHttpClientWithoutBaseAddressIsRejected()
    {
        using var http = new HttpClient();
        Assert.Throws<ArgumentException>(() => new VigilClient(http));
    }
}
