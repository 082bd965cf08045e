using System.Net;
using Microsoft.Extensions.Logging;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>
/// A first start on an empty database prepares the schema before anything reads from it: an operator's first log has
/// no error in it (the sign-in key ring, read by its own hosted service, once found no table there).
/// </summary>
public abstract class NewDatabaseStartTests(DatabaseKind database)
{
    [DatabaseFact]
    public async Task FirstStart_OnAnEmptyDatabase_LogsNoErrorAndSignInWorks()
    {
        await using var db = await TestDatabase.CreateAsync(database);
        var log = new CapturedLog();
        await using var app = new SpendOpsAppFactory(db, NoUpstream) { TestServices = services => services.AddSingleton<ILoggerProvider>(log) }.Start();

        using var login = await LoginForm.PostAsync(app.BaseAddress, SpendOpsAppFactory.AdminEmail, SpendOpsAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain(log.Warnings, line => line.Contains("key ring", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(log.Warnings, line => line.Contains("no such table", StringComparison.OrdinalIgnoreCase)
            || line.Contains("does not exist", StringComparison.OrdinalIgnoreCase));
    }

    private const string NoUpstream = "http://127.0.0.1:9";

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : NewDatabaseStartTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : NewDatabaseStartTests(DatabaseKind.Postgres);
}
