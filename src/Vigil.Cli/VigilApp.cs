namespace Vigil.Cli;

/// <summary>Builds and runs the command tree (placeholder until commands land).</summary>
public static class VigilApp
{
    /// <summary>Runs with the given arguments and writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("vigil: no commands yet");
        return 2;
    }
}
