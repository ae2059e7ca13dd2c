namespace Vigil.Core.Drift;

/// <summary>
/// A small process-wide cache of exact-length <c>double[]</c> buffers for the per-column sorted copies of the drift
/// analysis. Those copies are 8 MB each for 1M-row columns and live only while their column is analysed; allocated
/// fresh, they land on the large-object heap, where the garbage of 40 columns (≈ 320 MB for 1M × 20 numeric
/// columns, both sides) piles up until the next full collection and each new array is page-faulted in again.
/// Reusing exact lengths keeps the callers' <c>double[]</c> signatures. At most <see cref="Capacity"/> buffers are
/// kept (the number in flight with two columns at a time, two sides each); others are dropped to the GC.
/// Thread-safe; O(Capacity) per call. Rented buffers are not cleared.
/// </summary>
internal static class SortScratch
{
    /// <summary>How many buffers are kept between uses.</summary>
    public const int Capacity = 4;

    /// <summary>Buffers shorter than this are not cached (small allocations are cheap and short-lived).</summary>
    public const int MinimumLength = 64 * 1024;

    private static readonly double[]?[] Cache = new double[]?[Capacity];
    private static readonly Lock Gate = new();

    /// <summary>A buffer of exactly <paramref name="length"/> values (contents undefined).</summary>
    public static double[] Rent(int length)
    {
        if (length >= MinimumLength)
            lock (Gate)
                for (var i = 0; i < Cache.Length; i++)
                    if (Cache[i] is { } b && b.Length == length) { Cache[i] = null; return b; }
        return GC.AllocateUninitializedArray<double>(length);
    }

    /// <summary>Gives a buffer back (the caller must not use it afterwards); replaces the oldest-found different-length buffer when full.</summary>
    public static void Return(double[]? buffer)
    {
        if (buffer is null || buffer.Length < MinimumLength) return;
        lock (Gate)
        {
            for (var i = 0; i < Cache.Length; i++)
                if (Cache[i] is null) { Cache[i] = buffer; return; }
            for (var i = 0; i < Cache.Length; i++)
                if (Cache[i]!.Length != buffer.Length) { Cache[i] = buffer; return; }
        }
    }
}
