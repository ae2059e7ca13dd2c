namespace Vigil.Cli.Infrastructure;

/// <summary>
/// Progress for long work, always on standard error (so redirected results stay clean): a bar redrawn in place
/// on a terminal, or a plain line per 25% when stderr is redirected (logs stay readable).
/// </summary>
public sealed class ProgressReporter
{
    private readonly TextWriter _writer;
    private readonly string _what;
    private readonly bool _terminal;
    private int _lastShown = -1;

    /// <summary>Creates a reporter for one task.</summary>
    public ProgressReporter(CliContext context, string what)
    {
        _writer = context.Error;
        _what = what;
        _terminal = (ReferenceEquals(_writer, Console.Out) && !Console.IsOutputRedirected)
                    || (ReferenceEquals(_writer, Console.Error) && !Console.IsErrorRedirected);
    }

    /// <summary>Reports <paramref name="done"/> of <paramref name="total"/>; thread-safe.</summary>
    public void Report(int done, int total)
    {
        if (total <= 0) return;
        var percent = (int)(100L * done / total);
        lock (this)
        {
            if (_terminal)
            {
                if (percent == _lastShown) return;
                _lastShown = percent;
                var filled = percent / 4;
                _writer.Write($"\r{_what} [{new string('#', filled)}{new string('.', 25 - filled)}] {percent,3}%");
                if (done >= total) _writer.WriteLine();
            }
            else
            {
                var step = percent / 25 * 25;
                if (step <= _lastShown || step == 0) return;
                _lastShown = step;
                _writer.WriteLine($"{_what}: {step}% ({done}/{total})");
            }
        }
    }
}
