using System.Security.Cryptography;
using System.Text;

namespace Vigil.Monitoring.Webhooks;

/// <summary>
/// The webhook signature header (docs/API.md "Webhooks"): <c>X-Vigil-Signature: sha256=&lt;hex&gt;</c> where hex is the
/// lower-case HMAC-SHA256 (RFC 2104, FIPS 198-1) of the raw request body keyed with the webhook secret (UTF-8).
/// Receivers recompute it over the bytes they received and compare in constant time (<see cref="Verify"/>).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "X-Vigil-Signature";

    /// <summary>The header value <c>sha256=&lt;hex&gt;</c> for <paramref name="body"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> (constant-time comparison).</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null) return false;
        var expected = Encoding.ASCII.GetBytes(Compute(body, secret));
        var given = Encoding.ASCII.GetBytes(header.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
