namespace Vigil.Core.Metrics;

/// <summary>
/// Stable descending arg-sort of doubles by LSD radix sort on order-preserving 64-bit keys (11-bit digits, passes whose
/// digit is constant are skipped). O(n) time and 2·(8 + 4)·n bytes of scratch; far faster than a comparison sort for
/// the millions of scores an evaluation sorts. Small inputs use <see cref="Array.Sort(Array, Array)"/> on keys.
/// NaN is not expected (samples are NaN-free).
/// </summary>
internal static class ScoreOrder
{
    public static int[] Descending(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var keys = new ulong[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            // map to an unsigned key that increases with the value, then complement so larger values come first
            var bits = (ulong)BitConverter.DoubleToInt64Bits(values[i] == 0 ? 0.0 : values[i]); // -0 == +0
            var ascending = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
            keys[i] = ~ascending;
            order[i] = i;
        }
        if (n < 4096)
        {
            Array.Sort(keys, order); // ties: order of equal keys is not guaranteed, so fix them up for stability
            var start = 0;
            while (start < n)
            {
                var end = start + 1;
                while (end < n && keys[end] == keys[start]) end++;
                if (end - start > 1) Array.Sort(order, start, end - start);
                start = end;
            }
            return order;
        }
        var keys2 = new ulong[n];
        var order2 = new int[n];
        var counts = new int[2048];
        for (var shift = 0; shift < 64; shift += 11)
        {
            Array.Clear(counts);
            for (var i = 0; i < n; i++) counts[(int)((keys[i] >> shift) & 0x7FF)]++;
            if (counts[(int)((keys[0] >> shift) & 0x7FF)] == n) continue; // every key shares this digit
            var sum = 0;
            for (var d = 0; d < counts.Length; d++) { var c = counts[d]; counts[d] = sum; sum += c; }
            for (var i = 0; i < n; i++)
            {
                var k = keys[i];
                var position = counts[(int)((k >> shift) & 0x7FF)]++;
                keys2[position] = k;
                order2[position] = order[i];
            }
            (keys, keys2) = (keys2, keys);
            (order, order2) = (order2, order);
        }
        return order;
    }
}
