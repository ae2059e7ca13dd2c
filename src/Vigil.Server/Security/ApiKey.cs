using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Security;

/// <summary>
/// The API key format <c>vgl_&lt;id&gt;_&lt;secret&gt;</c>: <c>id</c> is 16 lower-case hex digits (8 random bytes, public,
/// the key's name in logs and the audit trail); <c>secret</c> is 32 random bytes in unpadded base64url (43 characters, may
/// contain <c>_</c>, so parsing splits at the first <c>_</c> after the id). Only SHA-256 of the secret is stored; checks compare
/// hashes in constant time.
/// </summary>
public static class ApiKey
{
    /// <summary>The fixed prefix of every key.</summary>
    public const string Prefix = "vgl_";

    /// <summary>A fresh random key: its id, secret and full text.</summary>
    public static (string Id, string Secret, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (id, secret, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Splits <paramref name="key"/> into id and secret; false when it does not have the key format.</summary>
    public static bool TryParse(string? key, out string id, out string secret)
    {
        id = secret = "";
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = key.AsSpan(Prefix.Length);
        var cut = rest.IndexOf('_');
        if (cut != 16 || rest.Length - cut - 1 < 16) return false;
        foreach (var c in rest[..cut])
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        foreach (var c in rest[(cut + 1)..])
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')) return false;
        id = rest[..cut].ToString();
        secret = rest[(cut + 1)..].ToString();
        return true;
    }

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes: what <see cref="Vigil.Storage.ApiKeyRecord.SecretSha256"/> holds.</summary>
    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when <paramref name="secret"/> hashes to <paramref name="storedSha256"/>; the comparison takes the same time wherever they differ.</summary>
    public static bool Matches(string secret, string storedSha256)
    {
        Span<byte> actual = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), actual);
        Span<byte> expected = stackalloc byte[32];
        if (storedSha256.Length != 64 || Convert.FromHexString(storedSha256, expected, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
            return false;
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
