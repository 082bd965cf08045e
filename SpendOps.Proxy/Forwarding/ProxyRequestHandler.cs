using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Enforcement;
using SpendOps.Proxy.Usage.Extractors;
using SpendOps.Proxy.Usage.Extractors.OpenAi;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The proxy pipeline for <c>/v1/{provider}/{**path}</c>: key, policy, dimensions and model are checked here, then
/// <see cref="CallForwarder"/> forwards the call unchanged and queues its usage record. Nothing here waits for the database.
/// </summary>
internal sealed class ProxyRequestHandler(
    CallForwarder callForwarder,
    UpstreamCatalog upstreams,
    ApiKeyResolver keys,
    TenantDimsCache tenantDims,
    KeyRateLimiter rateLimiter,
    BudgetGate budgets,
    ProxyMetrics metrics,
    IOptions<ProxyOptions> options,
    TimeProvider clock)
{
    public async Task HandleAsync(HttpContext context, string provider)
    {
        var startTimestamp = Stopwatch.GetTimestamp();
        var requestId = RequestIds.New(clock.GetUtcNow());
        context.Response.Headers[ProxyHeaders.RequestId] = requestId;

        var upstream = upstreams.Find(provider);
        if (upstream is null)
        {
            await RejectAsync(context, startTimestamp, ProviderFamily.OpenAi, RequestAdmission.UnknownProvider(provider, upstreams.All.Select(u => u.Info.Name)));
            return;
        }

        // Everything after /v1/{provider} is the provider's own path, forwarded as is.
        var providerPath = context.Request.Path.Value![("/v1/".Length + provider.Length)..];
        var family = ErrorEnvelope.FamilyFor(upstream.Info.Family, providerPath);
        if (ForwardableRequest.Check(context, provider, upstream.BaseUrl) is { } formError)
        {
            await RejectAsync(context, startTimestamp, family, formError);
            return;
        }

        var resolution = await keys.ResolveAsync(context.Request.Headers[ProxyHeaders.ApiKey], context.RequestAborted);
        if (RequestAdmission.CheckKey(resolution) is { } keyError)
        {
            await RejectAsync(context, startTimestamp, family, keyError);
            return;
        }
        var key = resolution.Key!;
        if (RequestAdmission.CheckPolicy(key, tenantDims.For(key.TenantId), upstream.Info.Name, context.Request.Headers, out var dims) is { } policyError)
        {
            await RejectAsync(context, startTimestamp, family, policyError);
            return;
        }

        using var body = await RequestBodyReader.ReadAsync(context, options.Value.MaxRequestBodyBytes);
        if (body.Error is { } bodyError)
        {
            await RejectAsync(context, startTimestamp, family, bodyError);
            return;
        }

        var endpoint = EndpointClassifier.Classify(upstream.Info, context.Request.Method, providerPath);
        var facts = await RequestInspector.InspectAsync(endpoint, context.Request.ContentType, body.Content?.Memory ?? default,
            context.Request.Query["model"], context.RequestAborted);
        if (RequestAdmission.CheckModel(key, facts.Model, context.Request.Method, facts.ModelAmbiguous) is { } modelError)
        {
            await RejectAsync(context, startTimestamp, family, modelError);
            return;
        }
        var rateLimit = rateLimiter.Admit(key);
        if (rateLimit is { Refused: not RateLimitKind.None })
        {
            rateLimit.WriteHeaders(context.Response.Headers, family, clock.GetUtcNow());
            await RejectAsync(context, startTimestamp, family, rateLimit.Error());
            return;
        }

        var (budget, refusal) = await AdmitBudgetAsync(context, key, upstream, endpoint, facts, dims, body.Content);
        if (refusal is not null)
        {
            refusal.WriteHeaders(context.Response.Headers, clock.GetUtcNow());
            await RejectAsync(context, startTimestamp, family, refusal.Error());
            return;
        }

        try
        {
            var injected = InjectStreamUsage(key, endpoint, facts, body.Content);
            body.Content?.InstallAsRequestBody(context.Request);
            var call = new ProxyCall(requestId, startTimestamp, clock.GetUtcNow(), upstream, endpoint, key, dims, facts, body.Content?.Length ?? 0)
            {
                InjectedUsageFilter = injected ? new InjectedUsageChunkFilter() : null,
                RateLimit = rateLimit,
                Budget = budget,
                Family = family,
            };
            await callForwarder.ForwardAsync(context, upstream, providerPath, family, call);
        }
        finally
        {
            // Settled when the call's record was built; a call that ended any other way gives its reservation back.
            budget?.Release();
        }
    }

    /// <summary>Reserves the call's maximum cost in the blocking budgets it falls under (none for most tenants).</summary>
    private async ValueTask<(BudgetAdmission? Admitted, BudgetRefusal? Refused)> AdmitBudgetAsync(
        HttpContext context, ResolvedKey key, Upstream upstream, EndpointInfo endpoint, RequestFacts facts, Dictionary<string, string> dims, BufferedRequestBody? body)
    {
        if (!budgets.IsLoaded)
            await budgets.WhenLoadedAsync(context.RequestAborted);
        var claim = budgets.Claim(key, upstream.Info.Name, endpoint, facts.Model, dims, body is null ? default : body.Span);
        return claim is null ? (null, null) : await budgets.AdmitAsync(claim, context.RequestAborted);
    }

    /// <summary>
    /// For keys that opted in: an OpenAI-style chat stream that did not ask for usage gets
    /// <c>stream_options.include_usage</c>, so the call is never recorded without usage. Off by default, because
    /// it changes the request the provider sees.
    /// </summary>
    private static bool InjectStreamUsage(ResolvedKey key, EndpointInfo endpoint, RequestFacts facts, BufferedRequestBody? body)
    {
        if (!key.Policy.InjectStreamUsage || body is null || endpoint.Format != UsageFormat.OpenAi || !facts.Stream || facts.IncludesStreamUsage)
            return false;
        if (!StreamUsageInjector.TryInject(body.Span, out var rewritten))
            return false;
        body.Replace(rewritten);
        return true;
    }

    /// <summary>Answers and completes the response, so the client reads it even while part of its body is still unread.</summary>
    private async Task RejectAsync(HttpContext context, long startTimestamp, ProviderFamily family, ProxyError error)
    {
        metrics.RequestRejected(error.Code);
        ServerTiming.WriteRefused(context.Response.Headers, startTimestamp);
        RequestBodyReader.AllowDrain(context);
        await ErrorEnvelope.WriteAsync(context, family, error);
        await context.Response.CompleteAsync();
    }
}
