using System.Net;
using System.Net.Sockets;
using Vigil.Monitoring.Webhooks;

namespace Vigil.Monitoring.Tests.Support;

/// <summary>A real local HTTP endpoint (HttpListener on 127.0.0.1) that records webhook requests; the first N get a 500.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _failFirst;
    private readonly List<(byte[] Body, string? Signature)> _accepted = [];
    private int _attempts;

    public WebhookReceiver(int failFirst = 0)
    {
        _failFirst = failFirst;
        for (var tries = 0; ; tries++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = new Uri($"http://127.0.0.1:{port}/hook/");
            try
            {
                _listener.Prefixes.Add(Url.ToString());
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (tries < 5) { _listener.Prefixes.Clear(); }
        }
        _ = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<(byte[] Body, string? Signature)> Accepted { get { lock (_accepted) return [.. _accepted]; } }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var n = Interlocked.Increment(ref _attempts);
            if (n <= _failFirst) context.Response.StatusCode = 500;
            else
            {
                lock (_accepted) _accepted.Add((buffer.ToArray(), context.Request.Headers[WebhookSignature.HeaderName]));
                context.Response.StatusCode = 204;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
