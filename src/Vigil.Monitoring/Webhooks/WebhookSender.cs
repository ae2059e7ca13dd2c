using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Monitoring.Configuration;

namespace Vigil.Monitoring.Webhooks;

/// <summary>
/// Sends webhook events (docs/API.md "Webhooks"): POST <c>{"type", "model", "at", "data"}</c> as JSON with the
/// <see cref="WebhookSignature"/> header when the webhook has a secret. A delivery that fails (non-2xx or a connection
/// error) is retried after 1, 2, 4, 8 and 16 s (exponential backoff; 6 attempts in all), then dropped with a logged
/// warning. <see cref="Enqueue"/> returns at once — deliveries run in the background and never hold up the monitor
/// loop or ingest. The delay is injectable so tests need not wait.
/// </summary>
public sealed class WebhookSender
{
    /// <summary>The default waits before each retry.</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];

    private readonly HttpClient _client;
    private readonly ILogger _logger;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    /// <summary>Creates a sender.</summary>
    /// <param name="client">The HTTP client (its timeout bounds each attempt).</param>
    /// <param name="time">Clock of the default delay.</param>
    /// <param name="logger">Logger of failed deliveries.</param>
    /// <param name="delay">Waits between attempts (default <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>).</param>
    /// <param name="retryDelays">Waits before each retry (default 1, 2, 4, 8, 16 s).</param>
    public WebhookSender(HttpClient client, TimeProvider time, ILogger? logger = null, Func<TimeSpan, CancellationToken, Task>? delay = null, IReadOnlyList<TimeSpan>? retryDelays = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _logger = logger ?? NullLogger.Instance;
        _delay = delay ?? ((d, ct) => Task.Delay(d, time, ct));
        _retryDelays = retryDelays ?? DefaultRetryDelays;
    }

    /// <summary>Deliveries that succeeded.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Deliveries given up after the last retry.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    private int _delivered;
    private int _dropped;

    /// <summary>The request body of an event: <c>{"type", "model", "at", "data"}</c> (data is raw JSON).</summary>
    public static byte[] Body(string type, string model, DateTimeOffset at, string dataJson)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("model", model);
            w.WriteString("at", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WritePropertyName("data");
            w.WriteRawValue(dataJson);
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Queues one event for one webhook and returns at once.</summary>
    public void Enqueue(WebhookConfig target, string type, string model, DateTimeOffset at, string dataJson)
    {
        ArgumentNullException.ThrowIfNull(target);
        var body = Body(type, model, at, dataJson);
        lock (_gate)
        {
            if (_pending++ == 0) _idle = NewIdle(completed: false);
        }
        _ = Task.Run(() => DeliverAsync(target, type, body, _stop.Token));
    }

    /// <summary>Completes when no delivery is in flight (including its retries).</summary>
    public Task WaitIdleAsync(CancellationToken ct = default)
    {
        Task idle;
        lock (_gate) idle = _idle.Task;
        return idle.WaitAsync(ct);
    }

    /// <summary>Stops retrying: deliveries in flight end at their next wait.</summary>
    public void Stop() => _stop.Cancel();

    private async Task DeliverAsync(WebhookConfig target, string type, byte[] body, CancellationToken ct)
    {
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                string failure;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    request.Headers.Add("X-Vigil-Event", type);
                    if (target.Secret is not null) request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Compute(body, target.Secret));
                    using var response = await _client.SendAsync(request, ct).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref _delivered);
                        return;
                    }
                    failure = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException e) { failure = e.Message; }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested) { failure = "timed out"; }
                if (attempt >= _retryDelays.Count)
                {
                    Interlocked.Increment(ref _dropped);
                    _logger.LogWarning("webhook {Type} to {Url} dropped after {Attempts} attempts: {Failure}", type, target.Url, attempt + 1, failure);
                    return;
                }
                _logger.LogInformation("webhook {Type} to {Url} failed ({Failure}); retrying in {Delay}", type, target.Url, failure, _retryDelays[attempt]);
                await _delay(_retryDelays[attempt], ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _dropped);
        }
        finally
        {
            lock (_gate)
            {
                if (--_pending == 0) _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }
}
