using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Infrastructure;
using Vigil.Client;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil audit verify|list</c>: the server's hash-chained audit log. <c>verify</c> exits 1 when the chain is broken
/// (an entry edited, deleted or reordered), naming the first bad entry; <c>--db FILE</c> checks a stopped server's database.
/// </summary>
public static class AuditCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("audit", "The tamper-evident audit log: verify its hash chain or list it");
        cmd.Subcommands.Add(Verify(context));
        cmd.Subcommands.Add(List(context));
        return cmd;
    }

    private static Command Verify(CliContext context)
    {
        var db = new Option<string?>("--db") { Description = "Verify a stopped server's DuckDB file instead of asking --server", HelpName = "FILE" };
        return ServerCommandBuilder.Build(context, "verify", "Re-compute the audit hash chain; exit 1 when it is broken", [db], (p, json, client) =>
        {
            var result = p.GetValue(db) is { } path ? ServerConnection.Wait(OfflineStore.VerifyAuditAsync(path)) : ServerConnection.Wait(client.VerifyAuditAsync());
            ServerCommandBuilder.WriteJson(context, json, result);
            return Report(context, result);
        });
    }

    /// <summary>Prints a verification and returns its exit code.</summary>
    internal static int Report(CliContext context, AuditVerification result)
    {
        if (result.Valid)
        {
            context.Human.MarkupLine($"[green]audit chain valid[/]: {result.Entries.ToString("N0", CultureInfo.InvariantCulture)} entries");
            return ExitCodes.Ok;
        }
        context.Human.MarkupLine($"[red]audit chain BROKEN[/] at entry {result.FirstBadSequence?.ToString(CultureInfo.InvariantCulture) ?? "?"} " +
                                 $"of {result.Entries.ToString(CultureInfo.InvariantCulture)}: {Markup.Escape(result.Reason ?? "no reason given")}");
        return ExitCodes.ConditionHeld;
    }

    private static Command List(CliContext context) =>
        ServerCommandBuilder.Build(context, "list", "List the audit log in sequence order", [], (p, json, client) =>
        {
            var entries = ServerConnection.Wait(client.GetAuditAsync());
            ServerCommandBuilder.WriteJson(context, json, entries);
            var table = new Table().AddColumn(new TableColumn("#").RightAligned()).AddColumn("at").AddColumn("actor").AddColumn("action").AddColumn("target");
            foreach (var e in entries)
                table.AddRow(e.Sequence.ToString(CultureInfo.InvariantCulture), ServerCommandBuilder.Time(e.At), Markup.Escape(e.Actor), Markup.Escape(e.Action), Markup.Escape(e.Target));
            if (entries.Count == 0) context.HumanWriter.WriteLine("the audit log is empty");
            else context.Human.Write(table);
            return ExitCodes.Ok;
        });
}
