using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Vigil.Client;

/// <summary>
/// Typed client for the Vigil server's HTTP API v1 (docs/API.md). Every call is async, takes a cancellation token and
/// either returns the typed result or throws: <see cref="VigilApiException"/> when the server answered with an error
/// status (carrying the problem details), <see cref="VigilConnectionException"/> when there was no answer at all.
/// Thread-safe: one instance can serve a whole application.
/// </summary>
public sealed partial class VigilClient : IDisposable
{
    /// <summary>Where <c>vigil serve</c> listens by default.</summary>
    public const string DefaultServerAddress = "http://127.0.0.1:5080";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _apiKey;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    /// <param name="serverAddress">Base address, e.g. <c>http://127.0.0.1:5080</c>.</param>
    /// <param name="apiKey">Bearer key <c>vgl_ID_SECRET</c>, or null (loopback servers without keys).</param>
    /// <param name="timeout">Per-request timeout (default 5 minutes: promotions bootstrap on the server).</param>
    public VigilClient(Uri serverAddress, string? apiKey = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(serverAddress);
        ServerAddress = Normalise(serverAddress);
        _http = new HttpClient { Timeout = timeout ?? TimeSpan.FromMinutes(5) };
        _ownsHttp = true;
        _apiKey = EmptyToNull(apiKey);
    }

    /// <summary>Creates a client with its own <see cref="HttpClient"/> from an address string.</summary>
    /// <param name="serverAddress">Base address, e.g. <c>http://127.0.0.1:5080</c>.</param>
    /// <param name="apiKey">Bearer key, or null.</param>
    /// <exception cref="ArgumentException">The address is not an absolute http(s) URL.</exception>
    public VigilClient(string serverAddress = DefaultServerAddress, string? apiKey = null) : this(ParseAddress(serverAddress), apiKey)
    {
    }

    /// <summary>
    /// Wraps an existing <see cref="HttpClient"/> (e.g. from <c>WebApplicationFactory.CreateClient()</c> or
    /// <c>IHttpClientFactory</c>); it is not disposed with this client. Its <see cref="HttpClient.BaseAddress"/> is the server.
    /// </summary>
    /// <param name="httpClient">The client; must have a base address.</param>
    /// <param name="apiKey">Bearer key, or null.</param>
    public VigilClient(HttpClient httpClient, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null) throw new ArgumentException("the HttpClient needs a BaseAddress (the Vigil server)", nameof(httpClient));
        _http = httpClient;
        ServerAddress = Normalise(httpClient.BaseAddress);
        _apiKey = EmptyToNull(apiKey);
    }

    /// <summary>The server's base address (ends with <c>/</c>).</summary>
    public Uri ServerAddress { get; }

    /// <summary>Parses a server address given by a person: absolute <c>http</c>/<c>https</c> URL.</summary>
    /// <exception cref="ArgumentException">Not such a URL.</exception>
    public static Uri ParseAddress(string serverAddress)
    {
        if (!Uri.TryCreate(serverAddress, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{serverAddress}' is not an http(s) URL such as {DefaultServerAddress}", nameof(serverAddress));
        return uri;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    // ---- health -------------------------------------------------------------------------------------------------

    /// <summary><c>GET /health/live</c>: true when the server process answers.</summary>
    /// <exception cref="VigilConnectionException">Nothing answers at <see cref="ServerAddress"/>.</exception>
    public async Task<bool> IsLiveAsync(CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "health/live", null, ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary><c>GET /health/ready</c>: true when the server's store answers (503 → false).</summary>
    /// <exception cref="VigilConnectionException">Nothing answers at <see cref="ServerAddress"/>.</exception>
    public async Task<bool> IsReadyAsync(CancellationToken ct = default)
    {
        using var response = await SendRawAsync(HttpMethod.Get, "health/ready", null, ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    // ---- transport ----------------------------------------------------------------------------------------------

    private static Uri Normalise(Uri address)
    {
        if (!address.IsAbsoluteUri) throw new ArgumentException($"'{address}' is not an absolute URL", nameof(address));
        var text = address.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    private static string? EmptyToNull(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Escapes one path segment (model names, ids).</summary>
    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null) continue;
            sb.Append(sb.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return sb.ToString();
    }

    /// <summary>Sends and returns the response whatever its status; only transport failures throw.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(ServerAddress, path)) { Content = content };
        if (_apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new VigilConnectionException(ServerAddress, Describe(e), e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new VigilConnectionException(ServerAddress, $"no answer within {_http.Timeout.TotalSeconds:0} s", e);
        }
    }

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SocketException s)
                return s.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "unknown host",
                    SocketError.TimedOut => "connection timed out",
                    _ => s.Message,
                };
        return e.Message;
    }

    /// <summary>Sends and throws <see cref="VigilApiException"/> for any non-success status.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var response = await SendRawAsync(method, path, content, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response)
            throw await ProblemAsync(response, method, path, ct).ConfigureAwait(false);
    }

    private async Task<T> SendForAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, content, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, method, path, ct).ConfigureAwait(false);
    }

    private Task<T> GetAsync<T>(string path, CancellationToken ct) => SendForAsync<T>(HttpMethod.Get, path, null, ct);

    private Task<T> PostAsync<T>(string path, object body, CancellationToken ct) =>
        SendForAsync<T>(HttpMethod.Post, path, JsonContent.Create(body, body.GetType(), options: VigilJson.Options), ct);

    private Task<T> PutAsync<T>(string path, object body, CancellationToken ct) =>
        SendForAsync<T>(HttpMethod.Put, path, JsonContent.Create(body, body.GetType(), options: VigilJson.Options), ct);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, CancellationToken ct)
    {
        try
        {
            var value = await response.Content.ReadFromJsonAsync<T>(VigilJson.Options, ct).ConfigureAwait(false);
            return value ?? throw new JsonException("empty body");
        }
        catch (JsonException e)
        {
            throw new VigilApiException(response.StatusCode, method.Method, path, "unexpected response body",
                $"could not read {typeof(T).Name}: {e.Message}", null);
        }
    }

    private static async Task<VigilApiException> ProblemAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string title = response.ReasonPhrase ?? response.StatusCode.ToString();
        string? detail = null, type = null;
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var parsed = false;
        if (body.Length > 0 && (body[0] == '{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String) title = t.GetString()!;
                if (root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String) detail = d.GetString();
                if (root.TryGetProperty("type", out var ty) && ty.ValueKind == JsonValueKind.String) type = ty.GetString();
                if (root.TryGetProperty("errors", out var er)) ReadErrors(er, errors);
                parsed = true;
            }
            catch (JsonException)
            {
            }
        }
        if (!parsed && body.Length > 0) detail = body.Length > 300 ? body[..300] + "…" : body;
        return new VigilApiException(response.StatusCode, method.Method, path, title, detail, type, errors);
    }

    private static void ReadErrors(JsonElement element, Dictionary<string, IReadOnlyList<string>> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                    errors[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList()
                        : [p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()];
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var v in element.EnumerateArray())
                    errors[(i++).ToString(System.Globalization.CultureInfo.InvariantCulture)] = [v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()];
                break;
        }
    }

    private static HttpContent Bytes(ReadOnlyMemory<byte> content, string mediaType)
    {
        var body = new ReadOnlyMemoryContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return body;
    }
}
