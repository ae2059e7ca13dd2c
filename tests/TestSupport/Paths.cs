namespace Vigil.TestSupport;

/// <summary>Locates the repository root, the committed fixtures and the shared real datasets.</summary>
public static class Paths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding <c>Vigil.sln</c> (or <c>.git</c>).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>tests/fixtures</c> in the repository.</summary>
    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "fixtures");

    /// <summary>The shared data folder: <c>VIGIL_SHARED/data</c> if set, else <c>../shared/data</c> beside the repository.</summary>
    public static string SharedData
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("VIGIL_SHARED");
            var shared = string.IsNullOrEmpty(env) ? Path.Combine(RepositoryRoot, "..", "shared") : env;
            return Path.GetFullPath(Path.Combine(shared, "data"));
        }
    }

    /// <summary>A path below <see cref="Fixtures"/>.</summary>
    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    /// <summary>A path below <see cref="SharedData"/>.</summary>
    public static string Data(params string[] parts) => Path.Combine([SharedData, .. parts]);

    /// <summary>A fresh empty temporary folder for one test.</summary>
    public static string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
                return dir.FullName;
            dir = dir.Parent;
        }
        throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory);
    }
}
