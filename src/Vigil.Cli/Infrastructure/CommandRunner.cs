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
