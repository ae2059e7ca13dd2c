using System.CommandLine;
using Vigil.Cli.Commands;
using Vigil.Cli.Infrastructure;

namespace Vigil.Cli;

/// <summary>Builds the <c>vigil</c> command tree and runs it with the shared exit codes.</summary>
public static class VigilApp
{
    /// <summary>Runs with the given arguments and writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var context = new CliContext(stdout, stderr);
        var root = new RootCommand("Vigil — evaluate machine-learning models before they ship and watch them after.");
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(CalibrateCommand.Create(context));
        root.Subcommands.Add(ExampleCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(StreamCommand.Create(context));
        root.Subcommands.Add(EstimateCommand.Create(context));
        root.Subcommands.Add(DriftCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(SuggestCommand.Create(context));
        root.Subcommands.Add(ProfileCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(FingerprintCommand.Create(context));
        root.Subcommands.Add(LineageCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(ModelsCommand.Create(context));
        root.Subcommands.Add(MonitorCommand.Create(context));
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(AlertsCommand.Create(context));
        root.Subcommands.Add(AlertsCommand.CreateTriggers(context));
        root.Subcommands.Add(AlertsCommand.CreateWindows(context));
        root.Subcommands.Add(KeysCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        foreach (var name in (string[])["evaluate", "drift", "validate", "estimate", "compare", "check"])
            ReportUploader.Attach(context, root.Subcommands.First(c => c.Name == name));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine($"Run 'vigil {string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))} --help' for usage.".Replace("  ", " "));
            return ExitCodes.UsageError;
        }
        var (finalArgs, temporary) = ReportUploader.WithReportTarget(parse, args);
        try
        {
            if (temporary is not null) parse = root.Parse(finalArgs);
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        finally
        {
            if (temporary is not null) try { Directory.Delete(temporary, recursive: true); } catch (IOException) { }
        }
    }
}
