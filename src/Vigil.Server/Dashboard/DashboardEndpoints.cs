using Microsoft.AspNetCore.Builder;

namespace Vigil.Server.Dashboard;

/// <summary>The web dashboard at <c>/</c> (placeholder until the dashboard work lands).</summary>
internal static class DashboardEndpoints
{
    /// <summary>Maps the dashboard's page shell and static assets.</summary>
    public static WebApplication MapDashboard(this WebApplication app) => app;
}
