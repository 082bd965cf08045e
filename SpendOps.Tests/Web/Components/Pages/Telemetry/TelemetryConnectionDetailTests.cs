using Bunit;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Telemetry;

namespace SpendOps.Tests.Web.Components.Pages.Telemetry;

/// <summary>The connection page: its received batches read from the database 25 at a time, the empty grid, and other tenants' ids.</summary>
public sealed class TelemetryConnectionDetailTests : TelemetryComponentTests
{
    [Fact]
    public async Task Render_AcceptedAndRejectedBatches_GridShowsBoth()
    {
        var created = await CreateConnectionAsync("Claude Team");
        await SeedBatchesAsync(created.Connection, 1, TelemetryBatchOutcome.Accepted);
        await SeedBatchesAsync(created.Connection, 1, TelemetryBatchOutcome.Rejected, error: "resourceLogs must be an array");
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<TelemetryConnectionDetail>(p => p.Add(c => c.Id, created.Connection.Id));

        page.WaitForAssertion(() => Assert.Contains("Page 1 of 1 (2 batches)", page.Markup));
        var grid = page.Find("[aria-label='Received batches']");
        Assert.Contains("accepted", grid.TextContent);
        Assert.Contains("rejected", grid.TextContent);
        Assert.Contains("resourceLogs must be an array", grid.TextContent);
        Assert.Equal(2, page.FindAll("button").Count(b => b.TextContent.Trim() == "Body"));
    }

    [Fact]
    public async Task Render_ThirtyBatches_FirstPageOfTwentyFive()
    {
        var created = await CreateConnectionAsync("Claude Team");
        await SeedBatchesAsync(created.Connection, 30, TelemetryBatchOutcome.Accepted);
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<TelemetryConnectionDetail>(p => p.Add(c => c.Id, created.Connection.Id));

        page.WaitForAssertion(() => Assert.Contains("Page 1 of 2 (30 batches)", page.Markup));
        Assert.Equal(25, page.FindAll("button").Count(b => b.TextContent.Trim() == "Body"));
    }

    [Fact]
    public async Task Render_NoBatches_SaysNothingArrived()
    {
        var created = await CreateConnectionAsync("Claude Team");
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<TelemetryConnectionDetail>(p => p.Add(c => c.Id, created.Connection.Id));

        page.WaitForAssertion(() => Assert.Contains("No batches received", page.Markup));
        Assert.Contains(">never</strong>", page.Markup);
        Assert.DoesNotContain(created.FullKey, page.Markup);
    }

    [Fact]
    public async Task Render_ConnectionOfAnotherTenant_NotFound()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            await db.SaveChangesAsync();
        }
        var theirs = await CreateConnectionAsync("Their Team", other.Id);
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<TelemetryConnectionDetail>(p => p.Add(c => c.Id, theirs.Connection.Id));

        page.WaitForAssertion(() => Assert.Contains("Connection not found", page.Markup));
        Assert.DoesNotContain("Their Team", page.Markup);
    }

    private async Task SeedBatchesAsync(TelemetryConnection connection, int count, TelemetryBatchOutcome outcome, string? error = null)
    {
        await using var db = CreateContext();
        for (var i = 0; i < count; i++)
        {
            db.TelemetryBatches.Add(new TelemetryBatch
            {
                TenantId = connection.TenantId,
                ConnectionId = connection.Id,
                Signal = TelemetrySignal.Logs,
                ContentType = "application/json",
                ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-i),
                ByteSize = 100,
                DecodedByteSize = 100,
                BodyFormat = TelemetryBodyFormat.Json,
                Body = "{}",
                RecordCount = 1,
                Outcome = outcome,
                Error = error,
            });
        }
        await db.SaveChangesAsync();
    }
}
