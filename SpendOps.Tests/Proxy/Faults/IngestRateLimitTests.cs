using System.Net;
using System.Text;
using System.Text.Json;
using System.Net.Http.Headers;
using SpendOps.Core.Telemetry;
using RpcStatus = SpendOps.Proxy.Telemetry.Protos.Rpc.Status;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>The telemetry ingest has its own per-address limit, answered the OTLP way (429, Retry-After, a status body).</summary>
public sealed class IngestRateLimitTests(IngestLimitFixture fixture) : IClassFixture<IngestLimitFixture>
{
    [Fact]
    public async Task ThirdRequestWithinTheHour_Gets429InOtlpShape()
    {
        using var client = fixture.CreateClient();
        var path = $"{TelemetryIngestPaths.Root}/{Guid.NewGuid()}/v1/metrics";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await client.PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json"));
            statuses.Add(last.StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        // 2 permits an hour refill one every 1800 s.
        var retryAfter = (int)(last!.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0);
        Assert.InRange(retryAfter, 1, 1800);
        using var body = JsonDocument.Parse(await last.Content.ReadAsStringAsync());
        Assert.Equal(
            $"AI SpendOps: Too many requests from this address (2 per 3600 s, Limits:IngestRequestsPerClient); retry in {retryAfter} s",
            body.RootElement.GetProperty("message").GetString());
        // OTLP's code for "slow down" is RESOURCE_EXHAUSTED (8), not UNKNOWN (2).
        Assert.Equal(8, body.RootElement.GetProperty("code").GetInt32());

        // The same refusal to a protobuf exporter comes as a protobuf google.rpc.Status.
        var protobuf = new ByteArrayContent([]);
        protobuf.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var refused = await client.PostAsync(path, protobuf);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/x-protobuf", refused.Content.Headers.ContentType?.MediaType);
        var status = RpcStatus.Parser.ParseFrom(await refused.Content.ReadAsByteArrayAsync());
        Assert.Equal(8, status.Code);
        Assert.StartsWith("AI SpendOps: Too many requests from this address (2 per 3600 s", status.Message);
    }
}
