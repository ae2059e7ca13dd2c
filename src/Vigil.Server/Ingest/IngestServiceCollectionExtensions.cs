using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Vigil.Server.Ingest;

/// <summary>Registers what the ingest endpoints resolve.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IngestSchemaCache"/> and <see cref="IngestMetrics"/> as singletons (plus the metrics
    /// factory). The endpoints also need an <c>IVigilStore</c> singleton.
    /// </summary>
    public static IServiceCollection AddVigilIngest(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<IngestSchemaCache>();
        services.TryAddSingleton<IngestMetrics>();
        return services;
    }
}
