using System.Net;
using Vigil.Client;
using Vigil.Core.Data;

namespace Vigil.Cli.Infrastructure;

/// <summary>
/// Runs a command body and turns failures into the shared exit codes: usage and input problems print one line
/// and return 2; anything unexpected prints a one-line message with a hint and returns 3 (the stack trace only
/// with <c>--verbose</c>).
/// </summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>.</summary>
    public static int Run(CliContext context, bool verbose, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (DataFormatException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (VigilConnectionException e)
        {
            context.Error.WriteLine($"error: no Vigil server at {e.ServerAddress.ToString().TrimEnd('/')} ({e.Reason}); start one with `vigil serve` or give --server URL");
            return ExitCodes.UsageError;
        }
        catch (VigilApiException e)
        {
            context.Error.WriteLine($"error: the server answered {(int)e.StatusCode} {e.Title}{(string.IsNullOrEmpty(e.Detail) ? "" : ": " + e.Detail)}");
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages) context.Error.WriteLine($"  {field}: {m}");
            if (e.StatusCode == HttpStatusCode.Unauthorized) context.Error.WriteLine("hint: give an API key with --key KEY or the VIGIL_KEY environment variable");
            return (int)e.StatusCode >= 500 ? ExitCodes.InternalError : ExitCodes.UsageError;
        }
        catch (FormatException e)
        {
            context.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            context.Error.WriteLine(verbose ? e.ToString() : "hint: rerun with --verbose and include the output in an issue report");
            return ExitCodes.InternalError;
        }
    }
}
