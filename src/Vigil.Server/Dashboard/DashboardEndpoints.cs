using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vigil.Server.Dashboard;

/// <summary>
/// The web dashboard at <c>/</c>: a static page shell and its CSS / JavaScript modules, embedded in this
/// assembly (<c>Dashboard/wwwroot</c>) and served from memory. The scripts read the JSON API with the key the
/// user enters; nothing here touches the store.
/// </summary>
/// <remarks>
/// Assets live under <c>/dashboard/{build}/…</c> where <c>{build}</c> is a hash of every embedded file, so they
/// are cached as immutable for a year and a new build changes every URL; <c>/</c> itself is <c>no-cache</c>
/// (revalidated by ETag). Every response carries a strict Content-Security-Policy: scripts, images and fetches from
/// this origin only, no inline script, no framing of the dashboard, frames only from <c>blob:</c>. Two openings, both
/// for stored reports, which the page fetches with the bearer key and shows from a <c>blob:</c> URL in a frame with an
/// empty <c>sandbox</c> (opaque origin, no scripts): <c>frame-src blob:</c>, and <c>'unsafe-inline'</c> styles, because a
/// blob: document inherits this policy and the reports carry their one stylesheet inline. The page itself never parses
/// data as HTML (text nodes only), so inline styles give it nothing new to fear. Cost: the files (about 60 KB) are read
/// once at start-up.
/// </remarks>
public static class DashboardEndpoints
{
    /// <summary>The Content-Security-Policy sent with the dashboard's responses.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src blob:; " +
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string ResourcePrefix = "dashboard/";
    private static readonly Lazy<DashboardAssets> Assets = new(DashboardAssets.Load);

    /// <summary>The build hash in the asset URLs (first 12 hex digits of the SHA-256 over all embedded files).</summary>
    public static string BuildHash => Assets.Value.BuildHash;

    /// <summary>
    /// Maps <c>GET /</c> (the page shell) and <c>GET /dashboard/{build}/{**path}</c> (its assets).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application, for chaining.</returns>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assets = Assets.Value;
        app.MapGet("/", (HttpContext http) => Serve(http, assets.Index, immutable: false)).ExcludeFromDescription();
        app.MapGet("/index.html", (HttpContext http) => Serve(http, assets.Index, immutable: false)).ExcludeFromDescription();
        app.MapGet("/dashboard/{build}/{**path}", (HttpContext http, string build, string path) =>
        {
            if (!assets.Files.TryGetValue(path, out var file) || file.Path == "index.html")
                return NotFound(http);
            // An old build hash (a page loaded before an upgrade) still gets today's file, but not cached for long.
            return Serve(http, file, immutable: string.Equals(build, assets.BuildHash, StringComparison.Ordinal));
        }).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext http, DashboardFile file, bool immutable)
    {
        var headers = http.Response.Headers;
        AddSecurityHeaders(headers);
        headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.ETag = file.ETag;
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        foreach (var tag in ifNoneMatch)
        {
            if (tag is not null && (tag.Contains(file.ETag, StringComparison.Ordinal) || tag == "*"))
                return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(file.Content, file.ContentType);
    }

    private static IResult NotFound(HttpContext http)
    {
        AddSecurityHeaders(http.Response.Headers);
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "No dashboard asset at " + http.Request.Path + ".");
    }

    private static void AddSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
    }

    /// <summary>One embedded file ready to send.</summary>
    private sealed record DashboardFile(string Path, byte[] Content, string ContentType, string ETag);

    /// <summary>Every embedded dashboard file, plus the page shell with the build hash filled in.</summary>
    private sealed record DashboardAssets(FrozenDictionary<string, DashboardFile> Files, DashboardFile Index, string BuildHash)
    {
        public static DashboardAssets Load()
        {
            var assembly = typeof(DashboardEndpoints).Assembly;
            var raw = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var name in assembly.GetManifestResourceNames())
            {
                var normalised = name.Replace('\\', '/');
                if (!normalised.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
                raw[normalised[ResourcePrefix.Length..]] = Read(assembly, name);
            }
            if (!raw.TryGetValue("index.html", out var indexBytes))
                throw new InvalidOperationException("The dashboard's index.html is not embedded in " + assembly.GetName().Name + ".");

            using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (path, bytes) in raw)
            {
                all.AppendData(Encoding.UTF8.GetBytes(path));
                all.AppendData(bytes);
            }
            var build = Convert.ToHexStringLower(all.GetHashAndReset())[..12];

            var files = new Dictionary<string, DashboardFile>(StringComparer.Ordinal);
            foreach (var (path, bytes) in raw) files[path] = Make(path, bytes);
            var shell = Encoding.UTF8.GetString(indexBytes).Replace("{{BASE}}", "/dashboard/" + build, StringComparison.Ordinal);
            var index = Make("index.html", Encoding.UTF8.GetBytes(shell));
            return new DashboardAssets(files.ToFrozenDictionary(StringComparer.Ordinal), index, build);
        }

        private static DashboardFile Make(string path, byte[] bytes) =>
            new(path, bytes, ContentTypeOf(path), "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");

        private static byte[] Read(Assembly assembly, string name)
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException("Missing embedded resource " + name + ".");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }

        private static string ContentTypeOf(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".json" => "application/json; charset=utf-8",
            ".png" => "image/png",
            ".ico" => "image/x-icon",
            ".woff2" => "font/woff2",
            _ => "application/octet-stream",
        };
    }
}
