using Vigil.Core.Calibration;

namespace Vigil.Cli.Infrastructure;

/// <summary>Reads a calibrator file, turning every problem into a usage error that names the file.</summary>
public static class CalibratorFile
{
    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    public static ICalibrator Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"cannot read calibrator {path}: {e.Message}"); }
        try { return CalibratorJson.Deserialize(text); }
        catch (InvalidDataException e) { throw new UsageException($"{path}: {e.Message}"); }
    }
}
