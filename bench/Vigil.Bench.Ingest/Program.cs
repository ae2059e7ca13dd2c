using Vigil.Bench.Ingest;

// Ingest load generator and appender baseline (bench/ingest_compare.sh drives both). One JSON line per run on stdout.
//   Vigil.Bench.Ingest http --url http://127.0.0.1:5080 --model bench [--seconds 60] [--concurrency 4] [--batch 1000]
//                          [--server-pid PID] [--key KEY] [--data perf-data/w1_cur_100k.csv] [--run-id ID] [--round N]
//   Vigil.Bench.Ingest serve --db FILE [--urls http://127.0.0.1:5080] [--model bench]   (the server, until `vigil serve` exists)
//   Vigil.Bench.Ingest baseline --db /tmp/appender.duckdb [--seconds 60] [--batch 1000] [--group 1] [--data ...] [--round N]
if (args.Length == 0 || args[0] is not ("http" or "baseline" or "serve"))
{
    Console.Error.WriteLine("usage: Vigil.Bench.Ingest http --url URL --model NAME [--seconds 60] [--concurrency 4] [--batch 1000] [--server-pid PID] [--key KEY] [--data FILE]\n"
        + "       Vigil.Bench.Ingest baseline --db FILE [--seconds 60] [--batch 1000] [--data FILE]");
    return 2;
}
var opts = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 1; i + 1 < args.Length; i += 2) opts[args[i].TrimStart('-')] = args[i + 1];
string Opt(string name, string fallback) => opts.TryGetValue(name, out var v) ? v : fallback;
double seconds = double.Parse(Opt("seconds", "60"), System.Globalization.CultureInfo.InvariantCulture);
int batch = int.Parse(Opt("batch", "1000"), System.Globalization.CultureInfo.InvariantCulture);
int concurrency = int.Parse(Opt("concurrency", "4"), System.Globalization.CultureInfo.InvariantCulture);
string runId = Opt("run-id", Guid.NewGuid().ToString("N")[..8]);
if (args[0] == "serve")
    return await ServeHost.RunAsync(Opt("db", "vigil-bench.duckdb"), Opt("urls", "http://127.0.0.1:5080"), Opt("model", "bench"), EventData.Header.Split(','));
var data = EventData.Load(Opt("data", "perf-data/w1_cur_100k.csv"), 100_000);
opts.TryGetValue("round", out var round);

BenchResult result;
if (args[0] == "baseline")
{
    result = AppenderBaseline.Run(data, Opt("db", Path.Combine(Path.GetTempPath(), "vigil-bench-appender.duckdb")), seconds, batch, runId,
        int.Parse(Opt("group", "1"), System.Globalization.CultureInfo.InvariantCulture));
    concurrency = 1;
}
else
{
    if (!opts.TryGetValue("url", out var url) || !opts.TryGetValue("model", out var model))
    {
        Console.Error.WriteLine("http mode needs --url and --model");
        return 2;
    }
    int? pid = opts.TryGetValue("server-pid", out var p) ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : null;
    result = await HttpLoad.RunAsync(data, new Uri(url.EndsWith('/') ? url : url + "/"), model, seconds, concurrency, batch, pid,
        opts.GetValueOrDefault("key"), runId);
}
Console.WriteLine(result.ToJson(concurrency, batch, round));
return result.Failures > 0 && result.Events == 0 ? 1 : 0;
