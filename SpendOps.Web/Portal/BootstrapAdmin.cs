using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Portal;

/// <summary>
/// On a database with no users, creates the roles, the <c>Bootstrap:Tenant</c> tenant and an admin who is also
/// a global admin, so a fresh install can be signed into at once. Runs after the migrations (registered later).
/// </summary>
internal sealed partial class BootstrapAdmin(IServiceProvider services, IOptions<BootstrapOptions> options, TimeProvider clock, ILogger<BootstrapAdmin> logger) : IHostedService
{
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }

        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        if (await db.Users.AnyAsync(cancellationToken))
            return;

        var settings = options.Value;
        var tenants = scope.ServiceProvider.GetRequiredService<TenantService>();
        var tenant = await tenants.FindByNameAsync(settings.Tenant, cancellationToken)
            ?? await tenants.CreateAsync(settings.Tenant, "bootstrap", cancellationToken);

        var generated = string.IsNullOrWhiteSpace(settings.AdminPassword);
        var password = generated ? PasswordGenerator.Generate() : settings.AdminPassword!;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = new ApplicationUser
        {
            UserName = settings.AdminEmail,
            Email = settings.AdminEmail,
            EmailConfirmed = true,
            TenantId = tenant.Id,
            DisplayName = "Administrator",
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(admin, password), $"create the admin user {settings.AdminEmail} (check Bootstrap:AdminPassword)");
        Check(await users.AddToRolesAsync(admin, [Roles.Admin, Roles.GlobalAdmin]), "assign admin roles");

        if (generated)
        {
            // Printed, not logged: log sinks are often shipped elsewhere, the console of a first run is not.
            Console.WriteLine();
            Console.WriteLine($"SpendOps: created tenant '{tenant.Name}' and admin {settings.AdminEmail} with password: {password}");
            Console.WriteLine("SpendOps: this password is shown once. Sign in and change it, or set Bootstrap:AdminPassword.");
            Console.WriteLine();
        }
        else
        {
            LogCreated(logger, tenant.Name, settings.AdminEmail);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Bootstrap could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created tenant {Tenant} and admin {Email}")]
    private static partial void LogCreated(ILogger logger, string tenant, string email);
}
