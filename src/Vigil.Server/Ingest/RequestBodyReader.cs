using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Vigil.Server.Ingest;

/// <summary>
/// Reads a request body into one pooled array, stopping with a 413 as soon as it passes
/// <see cref="IngestLimits.MaxBodyBytes"/> (or at once when Content-Length says so).
/// </summary>
internal static class RequestBodyReader
{
    /// <summary>The body in a rented buffer (return it with <see cref="ArrayPool{T}.Shared"/>), or the 413 problem.</summary>
    public static async Task<(byte[]? Buffer, int Length, IngestRequestError? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        long? declared = request.ContentLength;
        if (declared > IngestLimits.MaxBodyBytes) return (null, 0, IngestRequestError.TooLarge(declared.Value));
        int size = declared is > 0 ? (int)declared.Value : 64 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 16));
        int length = 0;
        var body = request.Body;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > IngestLimits.MaxBodyBytes) break;
                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, IngestLimits.MaxBodyBytes + 1L));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                int read = await body.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > IngestLimits.MaxBodyBytes) break;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        if (length > IngestLimits.MaxBodyBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, 0, IngestRequestError.TooLarge(-1));
        }
        return (buffer, length, null);
    }
}
