namespace Vigil.Core.Drift.Streaming;

/// <summary>
/// Draws samples exactly as CPython's <c>random.Random(seed).sample(range(n), k)</c> does, so that <see cref="Kswin"/>
/// with a seed reports River's detection indices. Implements the Mersenne Twister MT19937 (Matsumoto &amp; Nishimura,
/// ACM TOMACS 8(1), 1998) with CPython's integer seeding (<c>init_by_array</c> over the seed's 32-bit words),
/// <c>_randbelow</c> by rejection on <c>getrandbits(n.bit_length())</c>, and <c>sample</c>'s two strategies (partial
/// Fisher–Yates on a pool when n is small relative to k, rejection with a membership table otherwise).
/// </summary>
/// <remarks>On <see cref="Reset"/> the generator is re-seeded with the same seed (River creates
/// <c>random.Random(seed)</c> again on every reset). No allocation after the first draw for a given population size.</remarks>
public sealed class PythonRandomSampler : IKswinSampler
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] mt = new uint[N];
    private int index;
    private int[] pool = [];
    private bool[] selected = [];
    private int cachedK = -1;
    private int cachedSetSize;

    /// <summary>Creates a sampler seeded like <c>random.Random(seed)</c> (the seed's absolute value is used, as CPython does).</summary>
    public PythonRandomSampler(long seed)
    {
        Seed = seed;
        Reset();
    }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <inheritdoc />
    public void Reset()
    {
        var magnitude = Seed == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(Seed);
        Span<uint> key = stackalloc uint[2];
        key[0] = (uint)magnitude;
        key[1] = (uint)(magnitude >> 32);
        InitByArray(key[1] == 0 ? key[..1] : key);
    }

    private void InitGenrand(uint s)
    {
        mt[0] = s;
        for (var i = 1; i < N; i++)
            mt[i] = unchecked(1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint)i);
        index = N;
    }

    private void InitByArray(ReadOnlySpan<uint> key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j);
            i++;
            j++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (var k = N - 1; k > 0; k--)
        {
            mt[i] = unchecked((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
        }
        mt[0] = 0x80000000u;
        index = N;
    }

    private uint NextUInt32()
    {
        if (index >= N)
        {
            const uint upper = 0x80000000u, lower = 0x7fffffffu, matrix = 0x9908b0dfu;
            int kk;
            uint y;
            for (kk = 0; kk < N - M; kk++)
            {
                y = (mt[kk] & upper) | (mt[kk + 1] & lower);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ ((y & 1) * matrix);
            }
            for (; kk < N - 1; kk++)
            {
                y = (mt[kk] & upper) | (mt[kk + 1] & lower);
                mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1) * matrix);
            }
            y = (mt[N - 1] & upper) | (mt[0] & lower);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ ((y & 1) * matrix);
            index = 0;
        }
        var r = mt[index++];
        r ^= r >> 11;
        r ^= (r << 7) & 0x9d2c5680u;
        r ^= (r << 15) & 0xefc60000u;
        r ^= r >> 18;
        return r;
    }

    /// <summary>CPython's <c>_randbelow_with_getrandbits</c> for n ≤ 2^31.</summary>
    private int RandBelow(int n)
    {
        var bits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        uint r;
        do r = NextUInt32() >> (32 - bits);
        while (r >= (uint)n);
        return (int)r;
    }

    /// <inheritdoc />
    public void Sample(int populationSize, Span<int> destination)
    {
        var k = destination.Length;
        if (populationSize < 0 || k > populationSize)
            throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "The sample is larger than the population.");
        if (k != cachedK)
        {
            cachedSetSize = 21;
            if (k > 5) cachedSetSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4)));
            cachedK = k;
        }
        var setSize = cachedSetSize;
        if (populationSize <= setSize)
        {
            if (pool.Length < populationSize) pool = new int[populationSize];
            for (var i = 0; i < populationSize; i++) pool[i] = i;
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(populationSize - i);
                destination[i] = pool[j];
                pool[j] = pool[populationSize - i - 1];
            }
        }
        else
        {
            if (selected.Length < populationSize) selected = new bool[populationSize];
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(populationSize);
                while (selected[j]) j = RandBelow(populationSize);
                selected[j] = true;
                destination[i] = j;
            }
            for (var i = 0; i < k; i++) selected[destination[i]] = false;
        }
    }

    /// <inheritdoc />
    public double[] SaveState()
    {
        var state = new double[N + 1];
        for (var i = 0; i < N; i++) state[i] = mt[i];
        state[N] = index;
        return state;
    }

    /// <inheritdoc />
    public void LoadState(ReadOnlySpan<double> state)
    {
        if (state.Length != N + 1 || !(state[N] >= 0 && state[N] <= N))
            throw new ArgumentException("Not a Mersenne Twister state (expected 624 words and an index).", nameof(state));
        for (var i = 0; i < N; i++)
        {
            var w = state[i];
            if (w < 0 || w > uint.MaxValue || w != Math.Floor(w))
                throw new ArgumentException("Not a Mersenne Twister state (words must be 32-bit integers).", nameof(state));
            mt[i] = (uint)w;
        }
        index = (int)state[N];
    }
}
