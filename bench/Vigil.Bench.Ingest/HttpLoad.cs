using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Vigil.Bench.Ingest;

/// <summary>
/// N concurrent clients on loopback, each posting JSON arrays of <c>batch</c> events to
/// <c>POST /api/v1/models/{model}/predictions</c> for a fixed time; counts the events the server acknowledged
/// (200 and <c>accepted</c>), times each request, and samples the server's VmRSS once a second.
/// </summary>
internal static class HttpLoad
{
    public static async Task<BenchResult> RunAsync(EventData data, Uri url, string model, double seconds, int concurrency,
        int batchSize, int? serverPid, string? key, string runId)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        string path = $"api/v1/models/{Uri.EscapeDataString(model)}/predictions";
        // Bodies are built before the timed phase: each id has a fixed-width sequence number patched in place per
        // request, so the client spends ~nothing per event (the server, not the load generator, is measured).
        var templates = new byte[concurrency][][];
        var offsetsOf = new int[concurrency][][];
        for (int w = 0; w < concurrency; w++) templates[w] = BuildBodies(data, runId, w, batchSize, out offsetsOf[w]);
        var deadline = Stopwatch.StartNew();
        var rss = new List<(double, long)>();
        using var stopRss = new CancellationTokenSource();
        var sampler = serverPid is int pid ? Task.Run(async () =>
        {
            while (!stopRss.IsCancellationRequested)
            {
                long kb = ReadRssKb(pid);
                lock (rss) rss.Add((deadline.Elapsed.TotalSeconds, kb));
                try { await Task.Delay(1000, stopRss.Token); } catch (OperationCanceledException) { }
            }
        }) : Task.CompletedTask;

        var latencies = new List<double>[concurrency];
        var acknowledged = new long[concurrency];
        var workers = new Task[concurrency];
        int failures = 0;
        for (int w = 0; w < concurrency; w++)
        {
            int worker = w;
            latencies[w] = new List<double>();
            var template = templates[w];
            var idOffsets = offsetsOf[w];
            workers[w] = Task.Run(async () =>
            {
                long seq = 0;
                int next = 0;
                while (deadline.Elapsed.TotalSeconds < seconds)
                {
                    var bodyBytes = template[next];
                    var offsets = idOffsets[next];
                    next = (next + 1) % template.Length;
                    for (int i = 0; i < batchSize; i++, seq++) WriteDigits(bodyBytes, offsets[i], seq);
                    using var content = new ByteArrayContent(bodyBytes);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    long t0 = Stopwatch.GetTimestamp();
                    using var response = await client.PostAsync(path, content);
                    string text = await response.Content.ReadAsStringAsync();
                    latencies[worker].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        if (Interlocked.Increment(ref failures) <= 3) Console.Error.WriteLine($"HTTP {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
                        continue;
                    }
                    acknowledged[worker] += Accepted(text);
                }
            });
        }
        await Task.WhenAll(workers);
        double elapsed = deadline.Elapsed.TotalSeconds;
        stopRss.Cancel();
        await sampler;
        var all = new List<double>();
        foreach (var l in latencies) all.AddRange(l);
        return new BenchResult("http", acknowledged.Sum(), elapsed, all, rss, failures);
    }

    private const int SequenceDigits = 12;

    /// <summary>A few distinct request bodies for one worker (rows differ), with the offset of each id's sequence digits.</summary>
    private static byte[][] BuildBodies(EventData data, string runId, int worker, int batchSize, out int[][] idOffsets)
    {
        const int distinct = 4;
        var bodies = new byte[distinct][];
        idOffsets = new int[distinct][];
        int row = worker * 7919;
        var prefix = Encoding.ASCII.GetBytes($"{{\"id\":\"{runId}-{worker}-");
        var body = new MemoryStream(batchSize * 800);
        for (int b = 0; b < distinct; b++)
        {
            body.SetLength(0);
            var offsets = new int[batchSize];
            body.WriteByte((byte)'[');
            for (int i = 0; i < batchSize; i++, row++)
            {
                if (i > 0) body.WriteByte((byte)',');
                body.Write(prefix);
                offsets[i] = (int)body.Length;
                for (int d = 0; d < SequenceDigits; d++) body.WriteByte((byte)'0');
                body.WriteByte((byte)'"');
                body.Write(data.JsonTails[row % data.Rows]);
            }
            body.WriteByte((byte)']');
            bodies[b] = body.ToArray();
            idOffsets[b] = offsets;
        }
        return bodies;
    }

    private static void WriteDigits(byte[] body, int at, long value)
    {
        for (int d = SequenceDigits - 1; d >= 0; d--)
        {
            body[at + d] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }

    private static long Accepted(string json)
    {
        int at = json.IndexOf("\"accepted\":", StringComparison.Ordinal);
        if (at < 0) return 0;
        at += 11;
        while (at < json.Length && json[at] == ' ') at++;
        int end = at;
        while (end < json.Length && char.IsAsciiDigit(json[end])) end++;
        return long.Parse(json.AsSpan(at, end - at), CultureInfo.InvariantCulture);
    }

    internal static long ReadRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return -1;
    }
}
