using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Infrastructure;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil alerts</c>, <c>vigil triggers</c> and <c>vigil windows</c>: what a server's monitors found. Listing is not a
/// check, so they exit 0 whatever they list (use <c>--json</c> and a filter to gate on alerts).
/// </summary>
public static class AlertsCommand
{
    /// <summary>Builds <c>vigil alerts [--model M] [--state firing|resolved]</c>.</summary>
    public static Command Create(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Only this model's alerts", HelpName = "M" };
        var state = new Option<string?>("--state") { Description = "firing or resolved (default both)", HelpName = "STATE" };
        state.AcceptOnlyFromAmong("firing", "resolved");
        return ServerCommandBuilder.Build(context, "alerts", "List a server's alerts, newest first", [model, state], (p, json, client) =>
        {
            var alerts = ServerConnection.Wait(client.GetAlertsAsync(p.GetValue(model), p.GetValue(state)));
            ServerCommandBuilder.WriteJson(context, json, alerts);
            if (alerts.Count == 0)
            {
                context.HumanWriter.WriteLine("no alerts");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumn("id").AddColumn("model").AddColumn("rule").AddColumn("expression").AddColumn("state")
                .AddColumn("window").AddColumn("fired").AddColumn("resolved");
            foreach (var a in alerts)
                table.AddRow(a.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.Model), Markup.Escape(a.Rule), Markup.Escape(a.Expression),
                    a.State == "firing" ? "[red]firing[/]" : Markup.Escape(a.State), ServerCommandBuilder.Time(a.WindowStart),
                    ServerCommandBuilder.Time(a.FiredAt), ServerCommandBuilder.Time(a.ResolvedAt));
            context.Human.Write(table);
            return ExitCodes.Ok;
        });
    }

    /// <summary>Builds <c>vigil triggers --model M</c>.</summary>
    public static Command CreateTriggers(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Model", Required = true, HelpName = "M" };
        return ServerCommandBuilder.Build(context, "triggers", "List a model's retraining triggers (retrain_requested), newest first", [model], (p, json, client) =>
        {
            var triggers = ServerConnection.Wait(client.GetTriggersAsync(ServerCommandBuilder.Required(p, model)));
            ServerCommandBuilder.WriteJson(context, json, triggers);
            if (triggers.Count == 0)
            {
                context.HumanWriter.WriteLine("no retraining triggers");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumn("id").AddColumn("at").AddColumn("reason");
            foreach (var t in triggers)
                table.AddRow(t.Id.ToString(CultureInfo.InvariantCulture), ServerCommandBuilder.Time(t.At), Markup.Escape(t.Reason));
            context.Human.Write(table);
            return ExitCodes.Ok;
        });
    }

    /// <summary>Builds <c>vigil windows --model M [--from T] [--to T]</c>.</summary>
    public static Command CreateWindows(CliContext context)
    {
        var model = new Option<string?>("--model") { Description = "Model", Required = true, HelpName = "M" };
        var from = new Option<string?>("--from") { Description = "Earliest window start (ISO-8601, UTC when no zone)", HelpName = "TIME" };
        var to = new Option<string?>("--to") { Description = "Latest window start, exclusive", HelpName = "TIME" };
        return ServerCommandBuilder.Build(context, "windows", "List a model's monitoring windows with drift, estimated and realised metrics", [model, from, to], (p, json, client) =>
        {
            var windows = ServerConnection.Wait(client.GetWindowsAsync(ServerCommandBuilder.Required(p, model),
                ParseTime(p.GetValue(from), "--from"), ParseTime(p.GetValue(to), "--to")));
            ServerCommandBuilder.WriteJson(context, json, windows);
            if (windows.Count == 0)
            {
                context.HumanWriter.WriteLine("no windows yet");
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumn(new TableColumn("#").RightAligned()).AddColumn("start").AddColumn("end").AddColumn("closed")
                .AddColumn(new TableColumn("events").RightAligned()).AddColumn(new TableColumn("labeled").RightAligned()).AddColumn("drift").AddColumn("metrics");
            foreach (var w in windows)
            {
                var drift = w.Drift is { } d ? $"{d.DriftedColumns}/{d.ColumnsTested}" : "—";
                var metrics = string.Join(" ", (w.Realized ?? new Dictionary<string, double?>()).Select(m => $"{m.Key}={Num(m.Value)}")
                    .Concat((w.Estimated ?? new Dictionary<string, Vigil.Client.EstimatedMetric>()).Select(m => $"est.{m.Key}={Num(m.Value.Value)}")));
                table.AddRow(w.Index.ToString(CultureInfo.InvariantCulture), ServerCommandBuilder.Time(w.Start), ServerCommandBuilder.Time(w.End), w.Closed ? "yes" : "no",
                    w.Events.ToString("N0", CultureInfo.InvariantCulture), w.Labeled.ToString("N0", CultureInfo.InvariantCulture), drift, Markup.Escape(metrics));
            }
            context.Human.Write(table);
            return ExitCodes.Ok;
        });
    }

    private static string Num(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("0.####", CultureInfo.InvariantCulture) : "—";

    internal static DateTime? ParseTime(string? text, string option)
    {
        if (text is null) return null;
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new UsageException($"{option} expects an ISO-8601 time, got '{text}'");
    }
}
