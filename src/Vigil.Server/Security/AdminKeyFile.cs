using Vigil.Storage;

namespace Vigil.Server.Security;

/// <summary>The refusal to start a server that would be open to the network without keys.</summary>
public sealed class ServerStartupException(string message) : Exception(message);

/// <summary>
/// Start-up key rules (CONTRACTS.md "Keys"): a non-loopback bind with no active key refuses to start unless an admin key
/// file is given. A given file is read (its key is stored when the database does not know it yet) or, when absent, a new
/// admin key is created and written there with mode 600.
/// </summary>
internal static class AdminKeyFile
{
    public static async Task EnsureAsync(KeyService keys, string? path, bool loopbackOnly, string urls, CancellationToken ct)
    {
        if (path is not null)
        {
            if (File.Exists(path))
            {
                var text = (await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)).Trim();
                if (!ApiKey.TryParse(text, out _, out _))
                    throw new ServerStartupException($"admin key file '{path}' does not hold a Vigil key (expected one line vgl_<id>_<secret>)");
                await keys.ImportAsync(text, "admin (key file)", KeyScope.Admin, "server", ct).ConfigureAwait(false);
            }
            else
            {
                var dir = Path.GetDirectoryName(Path.GetFullPath(path));
                if (dir is not null) Directory.CreateDirectory(dir);
                var created = await keys.CreateAsync("admin (key file)", KeyScope.Admin, "server", ct).ConfigureAwait(false);
                Write(path, created.Key);
            }
        }
        if (!loopbackOnly && !await keys.AnyActiveAsync(ct).ConfigureAwait(false))
            throw new ServerStartupException(
                $"refusing to listen on {urls} with no API key defined: anyone on the network could change the registry. " +
                "Start with --admin-key-file FILE (an admin key is created there, mode 600), create a key with 'vigil keys create --db FILE', or bind to 127.0.0.1.");
    }

    private static void Write(string path, string key)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(key);
    }
}
