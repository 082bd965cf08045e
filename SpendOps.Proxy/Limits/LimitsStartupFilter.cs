using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SpendOps.Proxy.Limits;

/// <summary>
/// Puts the client rate limits and the request body budget at the very front of the pipeline, ahead of routing: the
/// proxy's endpoint short-circuits (runs straight from routing), so middleware added after routing never sees it.
/// </summary>
internal sealed class LimitsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyBudgetMiddleware>();
        next(app);
    };
}
