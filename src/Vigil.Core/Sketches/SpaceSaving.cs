using System.Text.Json;

namespace Vigil.Core.Sketches;

/// <summary>One monitored item of a <see cref="SpaceSaving"/> summary.</summary>
/// <param name="Value">The item.</param>
/// <param name="Count">Its estimated count, never below the true count.</param>
/// <param name="Error">The most by which <see cref="Count"/> may exceed the true count: true ∈ [Count − Error, Count].</param>
public sealed record FrequentItem(string Value, long Count, long Error)
{
    /// <summary>The guaranteed lower bound of the true count, Count − Error.</summary>
    public long LowerBound => Count - Error;
}

/// <summary>
/// Space-Saving frequent-items summary (Metwally, Agrawal &amp; El Abbadi 2005, "Efficient computation of frequent
/// and top-k elements in data streams", ICDT) over text items, with weighted updates. It monitors at most
/// <see cref="Capacity"/> items with a count and an error. A monitored item's count is incremented; a new item
/// takes a free slot or replaces the item with the smallest count c_min, inheriting count c_min + w and error c_min.
/// <para>Guarantees (N = total weight, k = capacity): every monitored item has true count in
/// [count − error, count]; error ≤ N/k; any item with true count &gt; <see cref="UnmonitoredBound"/> (≤ N/k) is
/// monitored. While fewer than k distinct items were seen the summary is exact.</para>
/// <para>Merge follows the mergeable-summaries construction (Agarwal et al. 2012, "Mergeable Summaries", PODS;
/// Cafaro, Pulimeno &amp; Tempesta 2016 for Space-Saving): an item absent from one side is credited that side's
/// unmonitored bound (as count and error), and the k largest counts are kept (ties by ordinal item order, so the
/// merge is commutative); the guarantees above hold for the merged total. Update: one dictionary lookup and a
/// heap step, O(log k), no allocation for a monitored item.</para>
/// </summary>
public sealed class SpaceSaving
{
    /// <summary>The default capacity.</summary>
    public const int DefaultCapacity = 64;

    /// <summary>The serialization format version.</summary>
    public const int FormatVersion = 1;

    private readonly Dictionary<string, int> slotOf;
    private readonly string[] items;
    private readonly long[] counts;
    private readonly long[] errors;
    private readonly int[] heap;         // slots ordered as a min-heap by count
    private readonly int[] heapIndex;    // slot → position in heap
    private int size;
    private long total;
    private long floor;                  // upper bound of the true count of any unmonitored item

    /// <summary>Creates an empty summary monitoring at most <paramref name="capacity"/> items (1…100,000).</summary>
    public SpaceSaving(int capacity = DefaultCapacity)
    {
        if (capacity is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be between 1 and 100000");
        Capacity = capacity;
        slotOf = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        items = new string[capacity];
        counts = new long[capacity];
        errors = new long[capacity];
        heap = new int[capacity];
        heapIndex = new int[capacity];
    }

    /// <summary>The most items monitored.</summary>
    public int Capacity { get; }

    /// <summary>Total weight seen (N).</summary>
    public long TotalCount => total;

    /// <summary>Number of monitored items.</summary>
    public int MonitoredCount => size;

    /// <summary>Upper bound of the true count of any item not monitored (0 while exact).</summary>
    public long UnmonitoredBound => floor;

    /// <summary>True while every count is exact and no item was dropped.</summary>
    public bool IsExact => floor == 0;

    /// <summary>The largest possible overestimate of any count: max(error, unmonitored bound) ≤ N/capacity.</summary>
    public long MaximumError
    {
        get
        {
            var e = floor;
            for (var i = 0; i < size; i++) if (errors[i] > e) e = errors[i];
            return e;
        }
    }

    /// <summary>Adds <paramref name="weight"/> occurrences of <paramref name="item"/>.</summary>
    public void Update(string item, long weight = 1)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        total += weight;
        if (slotOf.TryGetValue(item, out var slot))
        {
            counts[slot] += weight;
            SiftDown(heapIndex[slot]);
            return;
        }
        if (size < Capacity)
        {
            slot = size++;
            heap[slot] = slot;
            heapIndex[slot] = slot;
            Place(slot, item, floor + weight, floor);
            SiftUp(slot);
            return;
        }
        slot = heap[0];
        slotOf.Remove(items[slot]);
        if (counts[slot] > floor) floor = counts[slot];
        Place(slot, item, floor + weight, floor);
        SiftDown(0);
    }

    private void Place(int slot, string item, long count, long error)
    {
        items[slot] = item;
        counts[slot] = count;
        errors[slot] = error;
        slotOf[item] = slot;
    }

    /// <summary>The estimated count of an item (its count when monitored, else <see cref="UnmonitoredBound"/>), an upper bound of the true count.</summary>
    public long UpperBound(string item) => slotOf.TryGetValue(item, out var s) ? counts[s] : floor;

    /// <summary>The guaranteed lower bound of an item's true count (0 when not monitored).</summary>
    public long LowerBound(string item) => slotOf.TryGetValue(item, out var s) ? counts[s] - errors[s] : 0;

    /// <summary>True when the item is monitored.</summary>
    public bool Contains(string item) => slotOf.ContainsKey(item);

    /// <summary>The monitored items by decreasing count (ties by ordinal item order).</summary>
    public IReadOnlyList<FrequentItem> Items()
    {
        var list = new FrequentItem[size];
        for (var i = 0; i < size; i++) list[i] = new FrequentItem(items[i], counts[i], errors[i]);
        Array.Sort(list, Order);
        return list;
    }

    private static int Order(FrequentItem a, FrequentItem b)
    {
        var c = b.Count.CompareTo(a.Count);
        return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
    }

    /// <summary>Merges another summary (of any capacity) into this one; the other is unchanged. See the type's summary.</summary>
    public void Merge(SpaceSaving other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var candidates = new List<FrequentItem>(size + other.size);
        for (var i = 0; i < size; i++)
        {
            var hasOther = other.slotOf.TryGetValue(items[i], out var j);
            candidates.Add(new FrequentItem(items[i], counts[i] + (hasOther ? other.counts[j] : other.floor), errors[i] + (hasOther ? other.errors[j] : other.floor)));
        }
        for (var j = 0; j < other.size; j++)
            if (!slotOf.ContainsKey(other.items[j]))
                candidates.Add(new FrequentItem(other.items[j], other.counts[j] + floor, other.errors[j] + floor));
        var newFloor = floor + other.floor;
        var newTotal = total + other.total;
        candidates.Sort(Order);
        if (candidates.Count > Capacity && candidates[Capacity].Count > newFloor) newFloor = candidates[Capacity].Count;
        Load(candidates, Math.Min(Capacity, candidates.Count), newFloor, newTotal);
    }

    private void Load(IReadOnlyList<FrequentItem> entries, int count, long newFloor, long newTotal)
    {
        slotOf.Clear();
        size = 0;
        for (var i = 0; i < count; i++)
        {
            var e = entries[i];
            var slot = size++;
            heap[slot] = slot;
            heapIndex[slot] = slot;
            Place(slot, e.Value, e.Count, e.Error);
            SiftUp(slot);
        }
        floor = newFloor;
        total = newTotal;
    }

    /// <summary>A deep copy.</summary>
    public SpaceSaving Clone()
    {
        var c = new SpaceSaving(Capacity);
        c.Load(Items(), size, floor, total);
        return c;
    }

    private bool Less(int a, int b) => counts[heap[a]] < counts[heap[b]];

    private void Swap(int a, int b)
    {
        (heap[a], heap[b]) = (heap[b], heap[a]);
        heapIndex[heap[a]] = a;
        heapIndex[heap[b]] = b;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(i, parent)) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int l = 2 * i + 1, r = l + 1, smallest = i;
            if (l < size && Less(l, smallest)) smallest = l;
            if (r < size && Less(r, smallest)) smallest = r;
            if (smallest == i) return;
            Swap(i, smallest);
            i = smallest;
        }
    }

    /// <summary>Writes <c>{"version", "capacity", "n", "unmonitored_bound", "items": [[value, count, error], ...]}</c> by decreasing count.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("version", FormatVersion);
        writer.WriteNumber("capacity", Capacity);
        writer.WriteNumber("n", total);
        writer.WriteNumber("unmonitored_bound", floor);
        writer.WriteStartArray("items");
        foreach (var e in Items())
        {
            writer.WriteStartArray();
            writer.WriteStringValue(e.Value);
            writer.WriteNumberValue(e.Count);
            writer.WriteNumberValue(e.Error);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads what <see cref="WriteJson"/> wrote; throws <see cref="InvalidDataException"/> on another version or inconsistent content.</summary>
    public static SpaceSaving ReadJson(JsonElement element)
    {
        const string what = "frequent_items";
        SketchFormat.CheckVersion(element, what, FormatVersion);
        var capacity = SketchFormat.RequiredInt(element, "capacity", what);
        var n = SketchFormat.RequiredLong(element, "n", what);
        var bound = SketchFormat.RequiredLong(element, "unmonitored_bound", what);
        if (!element.TryGetProperty("items", out var arr) || arr.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{what}: missing 'items'");
        var list = new List<FrequentItem>();
        foreach (var e in arr.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 3 || e[0].ValueKind != JsonValueKind.String
                || !e[1].TryGetInt64(out var c) || !e[2].TryGetInt64(out var err))
                throw new InvalidDataException($"{what}: each item must be [value, count, error]");
            list.Add(new FrequentItem(e[0].GetString()!, c, err));
        }
        return Create(capacity, n, bound, list);
    }

    /// <summary>Writes the binary form: version, capacity, n, unmonitored bound, item count, then (value, count, error) per item.</summary>
    public void WriteBinary(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write((byte)FormatVersion);
        writer.Write(Capacity); writer.Write(total); writer.Write(floor);
        var list = Items();
        writer.Write(list.Count);
        foreach (var e in list) { writer.Write(e.Value); writer.Write(e.Count); writer.Write(e.Error); }
    }

    /// <summary>Reads what <see cref="WriteBinary"/> wrote.</summary>
    public static SpaceSaving ReadBinary(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        SketchFormat.CheckVersion(reader, "frequent_items", FormatVersion);
        var capacity = reader.ReadInt32(); var n = reader.ReadInt64(); var bound = reader.ReadInt64();
        var count = reader.ReadInt32();
        if (count < 0 || count > capacity) throw new InvalidDataException("frequent_items: bad item count");
        var list = new List<FrequentItem>(count);
        for (var i = 0; i < count; i++) list.Add(new FrequentItem(reader.ReadString(), reader.ReadInt64(), reader.ReadInt64()));
        return Create(capacity, n, bound, list);
    }

    private static SpaceSaving Create(int capacity, long n, long bound, List<FrequentItem> list)
    {
        const string what = "frequent_items";
        if (capacity is < 1 or > 100_000) throw new InvalidDataException($"{what}: capacity {capacity} out of range");
        if (list.Count > capacity) throw new InvalidDataException($"{what}: {list.Count} items exceed capacity {capacity}");
        if (n < 0 || bound < 0) throw new InvalidDataException($"{what}: negative count");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in list)
        {
            if (e.Count < 0 || e.Error < 0 || e.Error > e.Count) throw new InvalidDataException($"{what}: item '{e.Value}' has count {e.Count} and error {e.Error}");
            if (!seen.Add(e.Value)) throw new InvalidDataException($"{what}: item '{e.Value}' appears twice");
        }
        var s = new SpaceSaving(capacity);
        s.Load(list, list.Count, bound, n);
        return s;
    }
}
