namespace Vigil.Cli;

/// <summary>Entry point of the <c>vigil</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args) => VigilApp.Run(args, Console.Out, Console.Error);
}
