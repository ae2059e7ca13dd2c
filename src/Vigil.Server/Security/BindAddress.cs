namespace Vigil.Server.Security;

/// <summary>Whether the server listens on loopback only (which decides whether it may run without API keys).</summary>
internal static class BindAddress
{
    /// <summary>The URLs of <paramref name="urls"/> (separated by <c>;</c> or <c>,</c>).</summary>
    public static string[] Split(string urls) => urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when every URL's host is 127.0.0.1, ::1 or localhost; anything else (0.0.0.0, *, +, a name) is not.</summary>
    public static bool IsLoopbackOnly(string urls)
    {
        var all = Split(urls);
        if (all.Length == 0) return false;
        foreach (var url in all)
            if (!IsLoopback(url)) return false;
        return true;
    }

    private static bool IsLoopback(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        var rest = start < 0 ? url : url[(start + 3)..];
        string host;
        if (rest.StartsWith('['))
        {
            var end = rest.IndexOf(']');
            if (end < 0) return false;
            host = rest[1..end];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
        }
        return host is "127.0.0.1" or "::1" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }
}
