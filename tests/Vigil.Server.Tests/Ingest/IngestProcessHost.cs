using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server;

/// <summary>
/// Lets the test assembly run as a real server process for the durability test: started with
/// <c>dotnet exec Vigil.Server.Tests.dll</c> and <c>DOTNET_STARTUP_HOOKS</c> pointing at the same assembly, the
/// runtime calls <see cref="Initialize"/> before the (empty) test entry point; when
/// <c>VIGIL_INGEST_HOST_DB</c> is set it serves that DuckDB file on a free loopback port (printing
/// <c>LISTENING url</c>) until killed. Without the variable it does nothing. (Stand-in until <c>vigil serve</c> exists.)
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var db = Environment.GetEnvironmentVariable("VIGIL_INGEST_HOST_DB");
        if (string.IsNullOrEmpty(db)) return;
        Run(db).GetAwaiter().GetResult();
        Environment.Exit(0);
    }

    private static async Task Run(string db)
    {
        var app = await VigilServer.CreateAsync(new ServerOptions(db, null, "http://127.0.0.1:0"), b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        Console.Out.WriteLine("LISTENING " + app.Urls.First());
        Console.Out.Flush();
        await app.WaitForShutdownAsync();
    }
}
