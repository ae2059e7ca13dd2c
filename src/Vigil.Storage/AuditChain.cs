using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Storage;

/// <summary>The outcome of <see cref="AuditChain.Verify"/>.</summary>
/// <param name="Valid">True when every entry's hash matches its content and links to the entry before it.</param>
/// <param name="Entries">Number of entries checked.</param>
/// <param name="FirstBadSequence">Sequence number of the first entry that fails, or null when valid.</param>
/// <param name="Reason">Why that entry fails ("edited", "chain break", "sequence gap", "out of order"), or null when valid.</param>
public sealed record AuditVerification(bool Valid, int Entries, long? FirstBadSequence, string? Reason);

/// <summary>
/// The hash chain of the audit log. Each entry's <see cref="AuditEntry.Hash"/> is the lower-case hex SHA-256 of the
/// UTF-8 bytes of its canonical text, which includes the previous entry's hash; the first entry's previous hash is
/// <see cref="GenesisHash"/> (64 zeros). Editing an entry changes its hash; deleting or reordering entries breaks
/// the sequence or the links. Deleting the <em>last</em> entries cannot be seen from the chain alone (compare the
/// latest hash with a copy kept elsewhere). Cost: O(total text length) per entry.
/// </summary>
/// <remarks>
/// Canonical text (version 1), one field per line, each line ending in <c>\n</c>:
/// <code>
/// vigil-audit-v1
/// sequence=&lt;decimal sequence&gt;
/// at=&lt;the time in UTC, "yyyy-MM-ddTHH:mm:ss.fffffffZ" (.NET round-trip "O")&gt;
/// actor=&lt;field&gt;
/// action=&lt;field&gt;
/// target=&lt;field&gt;
/// before=&lt;field&gt;
/// after=&lt;field&gt;
/// previous_hash=&lt;64 lower-case hex digits&gt;
/// </code>
/// where <c>&lt;field&gt;</c> is <c>null</c> for a null value, else <c>&lt;UTF-16 length&gt;:&lt;text&gt;</c>, so a
/// value holding line breaks or "field=" text cannot be confused with another field.
/// </remarks>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The canonical text hashed for <paramref name="entry"/> (its own <see cref="AuditEntry.Hash"/> is not part of it).</summary>
    public static string CanonicalText(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var sb = new StringBuilder(256);
        sb.Append("vigil-audit-v1\n");
        sb.Append("sequence=").Append(entry.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("at=").Append(entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        Field(sb, "actor", entry.Actor);
        Field(sb, "action", entry.Action);
        Field(sb, "target", entry.Target);
        Field(sb, "before", entry.BeforeJson);
        Field(sb, "after", entry.AfterJson);
        sb.Append("previous_hash=").Append(entry.PreviousHash).Append('\n');
        return sb.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of <see cref="CanonicalText"/>.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        var bytes = Encoding.UTF8.GetBytes(CanonicalText(entry));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// Checks a whole log given in stored order: sequences must rise by one, each previous hash must equal the hash
    /// of the entry before (genesis for the first), and each hash must match the entry's content.
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string previous = GenesisHash;
        long previousSequence = 0;
        var present = new HashSet<long>(entries.Count);
        foreach (var e in entries) present.Add(e.Sequence);
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (i > 0 && e.Sequence != previousSequence + 1)
            {
                // A missing successor that appears elsewhere in the list means reordering; otherwise entries were deleted.
                return e.Sequence <= previousSequence || present.Contains(previousSequence + 1)
                    ? new AuditVerification(false, entries.Count, e.Sequence, $"out of order: sequence {e.Sequence} follows {previousSequence}")
                    : new AuditVerification(false, entries.Count, e.Sequence, $"sequence gap: {e.Sequence} follows {previousSequence} (entries deleted)");
            }
            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
                return new AuditVerification(false, entries.Count, e.Sequence, "chain break: previous hash does not match the entry before");
            if (!string.Equals(ComputeHash(e), e.Hash, StringComparison.Ordinal))
                return new AuditVerification(false, entries.Count, e.Sequence, "edited: hash does not match the entry's content");
            previous = e.Hash;
            previousSequence = e.Sequence;
        }
        return new AuditVerification(true, entries.Count, null, null);
    }

    private static void Field(StringBuilder sb, string name, string? value)
    {
        sb.Append(name).Append('=');
        if (value is null) sb.Append("null");
        else sb.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        sb.Append('\n');
    }
}
