using System.Buffers;
using System.Runtime.InteropServices;

namespace Vigil.Core.Statistics.Sorting;

/// <summary>
/// In-place ascending sort of doubles by LSD radix sort on order-preserving 64-bit keys, for the million-value columns
/// the drift analysis sorts (each numeric column once per side). The key of a double with bits b is
/// <c>b | 2⁶³</c> when the sign bit is clear and <c>~b</c> when it is set, so unsigned key order is numeric order
/// (−∞ &lt; negatives &lt; −0.0 &lt; +0.0 &lt; positives &lt; +∞); NaN (any payload) is given key 0 so every NaN sorts
/// first, as <see cref="Array.Sort(Array)"/> does, and comes back as one canonical NaN. The keys are sorted in place
/// in the caller's memory (reinterpreted, no copy) by up to six stable counting passes of 11-bit digits against one
/// scratch buffer rented from <see cref="ArrayPool{T}.Shared"/>; all six digit histograms come from a single read
/// pass, and a pass whose digit is the same for every key is skipped (e.g. the sign/exponent digit of values of
/// one sign and binade). Inputs shorter than <see cref="RadixThreshold"/> use the BCL introsort.
/// Result: equal to <see cref="Array.Sort(Array)"/> value for value (−0.0 and +0.0 compare equal there; on the
/// radix path −0.0 comes first, below the threshold their order is unspecified). Cost: O(n) time — about 7 reads and 6 writes per value — and n·8 bytes of pooled scratch
/// (returned before the call ends); no other allocation. Reference: Knuth, TAOCP vol. 3 §5.2.5 (radix sorting);
/// the key mapping is the usual IEEE-754 total-order trick (Herf, "Radix tricks", 2001).
/// </summary>
public static class DoubleSort
{
    /// <summary>Inputs shorter than this are sorted by the BCL introsort (radix passes do not pay off below it).</summary>
    public const int RadixThreshold = 2048;

    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Digits = (64 + DigitBits - 1) / DigitBits; // 6
    private const ulong SignBit = 0x8000_0000_0000_0000UL;

    /// <summary>Sorts <paramref name="values"/> ascending in place (NaN first).</summary>
    public static void Ascending(Span<double> values)
    {
        var n = values.Length;
        if (n < RadixThreshold)
        {
            values.Sort();
            return;
        }
        var keys = MemoryMarshal.Cast<double, ulong>(values);
        var scratch = ArrayPool<ulong>.Shared.Rent(n);
        var counts = ArrayPool<int>.Shared.Rent(Digits * Buckets);
        try
        {
            var histogram = counts.AsSpan(0, Digits * Buckets);
            histogram.Clear();
            ToKeysAndCount(keys, histogram);
            var source = keys;
            var target = scratch.AsSpan(0, n);
            var swapped = false;
            for (var d = 0; d < Digits; d++)
            {
                var shift = d * DigitBits;
                var offsets = histogram.Slice(d * Buckets, Buckets);
                if (offsets[(int)((source[0] >> shift) & (Buckets - 1))] == n) continue; // every key shares this digit
                var sum = 0;
                for (var b = 0; b < Buckets; b++) { var c = offsets[b]; offsets[b] = sum; sum += c; }
                Scatter(source, target, offsets, shift);
                var t = source; source = target; target = t;
                swapped = !swapped;
            }
            if (swapped) source.CopyTo(keys);
            FromKeys(keys);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    /// <summary>The order-preserving key of one double (NaN → 0).</summary>
    internal static ulong Key(double value)
    {
        if (double.IsNaN(value)) return 0;
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    /// <summary>The double of a key (inverse of <see cref="Key"/> except that NaN payloads are not kept).</summary>
    internal static double Value(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & SignBit) != 0 ? key & ~SignBit : ~key));

    private static void ToKeysAndCount(Span<ulong> keys, Span<int> histogram)
    {
        ref var h = ref MemoryMarshal.GetReference(histogram);
        for (var i = 0; i < keys.Length; i++)
        {
            var bits = keys[i];
            // NaN: exponent all ones and a non-zero fraction
            var key = (bits & ~SignBit) > 0x7FF0_0000_0000_0000UL ? 0UL : (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            keys[i] = key;
            System.Runtime.CompilerServices.Unsafe.Add(ref h, (int)(key & (Buckets - 1)))++;
            System.Runtime.CompilerServices.Unsafe.Add(ref h, Buckets + (int)((key >> DigitBits) & (Buckets - 1)))++;
            System.Runtime.CompilerServices.Unsafe.Add(ref h, 2 * Buckets + (int)((key >> (2 * DigitBits)) & (Buckets - 1)))++;
            System.Runtime.CompilerServices.Unsafe.Add(ref h, 3 * Buckets + (int)((key >> (3 * DigitBits)) & (Buckets - 1)))++;
            System.Runtime.CompilerServices.Unsafe.Add(ref h, 4 * Buckets + (int)((key >> (4 * DigitBits)) & (Buckets - 1)))++;
            System.Runtime.CompilerServices.Unsafe.Add(ref h, 5 * Buckets + (int)(key >> (5 * DigitBits)))++;
        }
    }

    private static void Scatter(Span<ulong> source, Span<ulong> target, Span<int> offsets, int shift)
    {
        ref var o = ref MemoryMarshal.GetReference(offsets);
        ref var t = ref MemoryMarshal.GetReference(target);
        for (var i = 0; i < source.Length; i++)
        {
            var k = source[i];
            ref var slot = ref System.Runtime.CompilerServices.Unsafe.Add(ref o, (int)((k >> shift) & (Buckets - 1)));
            System.Runtime.CompilerServices.Unsafe.Add(ref t, slot++) = k;
        }
    }

    private static void FromKeys(Span<ulong> keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            keys[i] = (key & SignBit) != 0 ? key & ~SignBit : ~key;
        }
    }
}
