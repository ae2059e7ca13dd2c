using System.CommandLine;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Evaluation;
using Vigil.Core.Examples;
using Vigil.IO.Csv;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil example evaluate</c>: generates a seeded synthetic credit-scoring dataset (no download) and evaluates
/// it, writing the data, the JSON result and the HTML report into a folder — the first thing a newcomer runs.
/// </summary>
public static class ExampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var example = new Command("example", "Generate a synthetic example dataset and run a command on it");
        var dir = new Option<string>("--dir") { Description = "Folder for the data and reports", DefaultValueFactory = _ => "vigil-example", HelpName = "DIR" };
        var rows = new Option<int>("--rows") { Description = "Rows to generate", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the generator", DefaultValueFactory = _ => 42 };
        var verbose = CommonOptions.Verbose();
        var evaluate = new Command("evaluate", "Evaluate a synthetic credit-default model (AUC ≈ 0.8) with intervals and a report");
        foreach (var o in new Option[] { dir, rows, seed, verbose }) evaluate.Options.Add(o);
        evaluate.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            var folder = p.GetValue(dir)!;
            var n = p.GetValue(rows);
            if (n < 10) throw new UsageException("--rows must be at least 10");
            var dataPath = Path.Combine(folder, "credit_scores.csv");
            try
            {
                Directory.CreateDirectory(folder);
                CsvWriter.Write(SyntheticCredit.Generate(n, p.GetValue(seed)), dataPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write the example into '{folder}': {e.Message}");
            }
            context.HumanWriter.WriteLine($"wrote {n:N0} synthetic applicants to {dataPath}");
            context.HumanWriter.WriteLine($"running: vigil evaluate --data {dataPath} --label default --score score --out {Path.Combine(folder, "evaluation.html")} --json {Path.Combine(folder, "evaluation.json")}");
            return EvaluateCommand.Execute(context, dataPath, new EvaluationSettings { Label = "default", Scores = ["score"] }, new Vigil.IO.ReadOptions(),
                Path.Combine(folder, "evaluation.json"), Path.Combine(folder, "evaluation.html"), []);
        }));
        example.Subcommands.Add(evaluate);
        return example;
    }
}
