using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Core.Calibration;
using Vigil.Core.Evaluation;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil calibrate</c>: fits a recalibration map (platt, isotonic, histogram for binary scores; temperature
/// for multiclass probabilities) on labelled data and writes it as a versioned JSON file for
/// <c>vigil evaluate --calibrator</c>. Prints in-sample ECE before and after (fit and evaluate on different data
/// for an honest figure).
/// </summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data", "--input") { Description = "Labelled scores (CSV or Parquet)", Required = true, HelpName = "FILE" };
        var label = new Option<string>("--label") { Description = "Label column", Required = true, HelpName = "COL" };
        var score = new Option<string>("--score") { Description = "Score column (binary) or one probability column per class (multiclass)", Required = true, HelpName = "COL[,COL...]" };
        var method = new Option<string>("--method") { Description = "platt | isotonic | histogram (binary), temperature (multiclass)", Required = true };
        method.AcceptOnlyFromAmong("platt", "isotonic", "temperature", "histogram");
        var positive = new Option<string?>("--positive-label") { Description = "The positive class (binary)", HelpName = "V" };
        var bins = new Option<int>("--bins") { Description = "Bins for histogram binning and the ECE shown", DefaultValueFactory = _ => 15 };
        var output = new Option<string>("--out") { Description = "Write the calibrator JSON to FILE", Required = true, HelpName = "FILE" };
        var json = CommonOptions.Json();
        var delimiter = CommonOptions.Delimiter();
        var verbose = CommonOptions.Verbose();
        var cmd = new Command("calibrate", "Fit a recalibration map and save it for evaluate --calibrator");
        foreach (var o in new Option[] { data, label, score, method, positive, bins, output, json, delimiter, verbose }) cmd.Options.Add(o);
        cmd.SetAction(p => CommandRunner.Run(context, p.GetValue(verbose), () =>
        {
            context.HumanToError = p.GetValue(json) == "-";
            var frame = CommonOptions.Load(p.GetValue(data)!, CommonOptions.ReadOptions(p.GetValue(delimiter)));
            var scores = CommonOptions.SplitList(p.GetValue(score));
            var m = p.GetValue(method)!;
            var nBins = p.GetValue(bins) is var b and >= 2 ? b : throw new UsageException("--bins must be at least 2");
            var settings = new EvaluationSettings
            {
                Label = p.GetValue(label)!, Scores = scores, PositiveLabel = p.GetValue(positive),
                Task = scores.Length > 1 ? EvaluationTask.Multiclass : EvaluationTask.Binary, BootstrapReplicates = 0,
            };
            var prepared = DataPreparation.Prepare(frame, settings);
            ICalibrator fitted;
            double before, after;
            if (prepared.Task == EvaluationTask.Binary)
            {
                if (m == "temperature") throw new UsageException("temperature scaling is for multiclass probabilities (give one --score column per class); for binary scores use platt, isotonic or histogram");
                var s = prepared.Binary!;
                fitted = m switch
                {
                    "platt" => PlattCalibrator.Fit(s.Scores!, s.Labels, default),
                    "isotonic" => IsotonicCalibrator.Fit(s.Scores!, s.Labels, default),
                    _ => HistogramBinningCalibrator.Fit(s.Scores!, s.Labels, default, nBins),
                };
                var calibrated = new double[s.Count];
                fitted.Apply(s.Scores!, calibrated);
                before = s.ScoresAreProbabilities ? BinaryCalibrationMetrics.ExpectedCalibrationError(s.Scores!, s.Labels, default, nBins) : double.NaN;
                after = BinaryCalibrationMetrics.ExpectedCalibrationError(calibrated, s.Labels, default, nBins);
            }
            else
            {
                if (m != "temperature") throw new UsageException($"{m} is for binary scores; for multiclass probabilities use --method temperature");
                var s = prepared.Multiclass!;
                var inRange = s.Probabilities!.All(v => v is >= 0 and <= 1);
                fitted = TemperatureScalingCalibrator.Fit(s.Probabilities!, s.ClassCount, s.Labels, default, inputIsLogits: !inRange);
                var calibrated = new double[s.Probabilities!.Length];
                fitted.Apply(s.Probabilities!, calibrated);
                before = inRange ? MulticlassCalibrationMetrics.Compute(s.Probabilities!, s.ClassCount, s.Labels, default, nBins).TopLabel.Ece : double.NaN;
                after = MulticlassCalibrationMetrics.Compute(calibrated, s.ClassCount, s.Labels, default, nBins).TopLabel.Ece;
            }
            var text = CalibratorJson.Serialize(fitted);
            CliContext.WriteFile(p.GetValue(output)!, text);
            if (p.GetValue(json) is { } j) context.WriteDocument(j, text);
            var console = context.Human;
            console.MarkupLine($"fitted [bold]{Markup.Escape(m)}[/] on {prepared.Data.RowsUsed:N0} rows ({prepared.Data.RowsSkipped:N0} skipped) → {Markup.Escape(p.GetValue(output)!)}");
            console.MarkupLine($"in-sample ECE ({nBins} bins): before {(double.IsNaN(before) ? "n/a (scores outside [[0,1]])" : before.ToString("0.####"))}, after {after:0.####} — evaluate on held-out data for an honest figure");
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
