using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Web.Portal;

namespace SpendOps.Tests.Web.Components;

/// <summary>
/// bunit tests of portal components: MudBlazor's services, bunit's fake authentication (a user of one tenant in the role
/// the test picks), the real <see cref="TenantContext"/> and a migrated SQLite database per test class instance.
/// </summary>
public abstract class PortalComponentTests : BunitContext, IAsyncLifetime
{
    private readonly BunitAuthorizationContext authorization;

    // bunit's default of one second is too short on a loaded two-core CI machine, where the renderer's dispatcher can
    // be kept from running a wait's first check that long; a wait still ends as soon as its condition holds.
    static PortalComponentTests() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected PortalComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new KeyHasher(KeyHashSecret.FromBytes(Convert.FromBase64String(TestEnvironment.KeyHashSecret))));
        Services.AddScoped<TenantContext>();
        Services.AddDbContextFactory<SqliteSpendOpsDbContext>(o => o.UseSqlite(Database.ConnectionString));
        Services.AddSingleton<IDbContextFactory<SpendOpsDbContext>>(sp =>
            new SqliteContexts(sp.GetRequiredService<IDbContextFactory<SqliteSpendOpsDbContext>>()));
        Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>().CreateDbContext());
        Services.AddScoped<AuditLog>();
        Services.AddScoped<TenantService>();
        authorization = AddAuthorization();
    }

    protected TestDatabase Database { get; } = TestDatabase.Sqlite();

    protected Tenant Tenant { get; } = new() { Name = "bunit-" + Guid.NewGuid().ToString("N")[..6] };

    public async Task InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        db.Tenants.Add(Tenant);
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }

    protected SpendOpsDbContext CreateContext() =>
        new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite(Database.ConnectionString).Options);

    /// <summary>Signs in a user of <see cref="Tenant"/> (or <paramref name="tenantId"/>) with these roles.</summary>
    protected void SignIn(params string[] roles) => SignInTo(Tenant.Id, roles);

    protected void SignInTo(Guid tenantId, params string[] roles) =>
        authorization.SetAuthorized("someone@spendops.test")
            .SetRoles(roles)
            .SetClaims(new Claim(TenantClaims.TenantId, tenantId.ToString()), new Claim(ClaimTypes.NameIdentifier, "user-" + tenantId.ToString("N")[..6]));

    /// <summary>The providers MudBlazor's dialogs, popovers and snackbars render into, as the layout has them.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>Opens a dialog as a page does and returns its reference (await <c>Result</c> for what it closed with).</summary>
    protected async Task<IDialogReference> ShowAsync<TDialog>(string title, DialogParameters parameters)
        where TDialog : IComponent =>
        await Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>(title, parameters);

    private sealed class SqliteContexts(IDbContextFactory<SqliteSpendOpsDbContext> inner) : IDbContextFactory<SpendOpsDbContext>
    {
        public SpendOpsDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
