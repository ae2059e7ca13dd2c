using System.Net.Http.Json;
using System.Text.Json;

namespace Vigil.Client;

public sealed partial class VigilClient
{
    /// <summary><c>POST /api/v1/keys</c> (admin): creates a key; the full key is in the result this once only.</summary>
    public Task<CreatedApiKey> CreateKeyAsync(string name, ApiKeyScope scope, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return PostAsync<CreatedApiKey>("api/v1/keys", new CreateKeyBody(name, scope), ct);
    }

    /// <summary><c>GET /api/v1/keys</c> (admin): every key, revoked ones included.</summary>
    public Task<IReadOnlyList<ApiKeyInfo>> ListKeysAsync(CancellationToken ct = default) => GetAsync<IReadOnlyList<ApiKeyInfo>>("api/v1/keys", ct);

    /// <summary><c>DELETE /api/v1/keys/{id}</c> (admin): revokes a key.</summary>
    /// <exception cref="VigilApiException">404 when the id is unknown.</exception>
    public async Task RevokeKeyAsync(string id, CancellationToken ct = default)
    {
        using var _ = await SendAsync(HttpMethod.Delete, $"api/v1/keys/{Segment(id)}", null, ct).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/v1/audit</c> (admin): the audit log in sequence order.</summary>
    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(CancellationToken ct = default) => GetAsync<IReadOnlyList<AuditRecord>>("api/v1/audit", ct);

    /// <summary><c>GET /api/v1/audit/verify</c> (admin): re-computes the hash chain.</summary>
    public Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default) => GetAsync<AuditVerification>("api/v1/audit/verify", ct);

    /// <summary><c>POST /api/v1/reports</c> (ingest): stores an HTML report and its JSON document.</summary>
    /// <exception cref="ArgumentException"><see cref="ReportUpload.Json"/> is not valid JSON.</exception>
    public Task<ReportInfo> UploadReportAsync(ReportUpload report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonElement? json = null;
        if (report.Json is not null)
        {
            try
            {
                using var doc = JsonDocument.Parse(report.Json);
                json = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"the report's JSON document is not valid JSON: {e.Message}", nameof(report));
            }
        }
        return PostAsync<ReportInfo>("api/v1/reports", new ReportBody(report.Model, report.Kind, report.Title, report.Html, json), ct);
    }

    /// <summary><c>GET /api/v1/reports?model=</c> (read): stored reports, newest first.</summary>
    public Task<IReadOnlyList<ReportInfo>> ListReportsAsync(string? model = null, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ReportInfo>>("api/v1/reports" + Query(("model", model)), ct);

    /// <summary><c>GET /api/v1/reports/{id}</c> (read): the HTML report.</summary>
    public async Task<string> GetReportHtmlAsync(string id, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/v1/reports/{Segment(id)}", null, ct).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/v1/reports/{id}/json</c> (read): the report's JSON document.</summary>
    public async Task<string> GetReportJsonAsync(string id, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/v1/reports/{Segment(id)}/json", null, ct).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    private sealed record ReportBody(string? Model, string Kind, string Title, string Html, JsonElement? Json);
}
