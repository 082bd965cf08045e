using System.Net;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>
/// Sign-in keys live in the database: a cookie issued by one instance is accepted by another on the same database and
/// by the first after a restart, and the stored keys are encrypted.
/// </summary>
public sealed class SharedSignInTests
{
    private const string Secret = "a shared secret for the sign-in keys of this deployment";

    [RequiresPostgresFact]
    public async Task SignInCookie_FromInstanceA_IsAcceptedByInstanceB_AndByAAfterARestart()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var a = Start(database);
        await using var b = Start(database);
        string cookie;
        try
        {
            using var login = await LoginForm.PostAsync(a.BaseAddress, SpendOpsAppFactory.AdminEmail, SpendOpsAppFactory.AdminPassword);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            cookie = LoginForm.IdentitySetCookie(login).Split(';')[0];

            Assert.Equal(HttpStatusCode.OK, await PricingPageStatusAsync(a, cookie));
            Assert.Equal(HttpStatusCode.OK, await PricingPageStatusAsync(b, cookie));
        }
        finally
        {
            await a.DisposeAsync();
        }

        await using var restarted = Start(database);
        Assert.Equal(HttpStatusCode.OK, await PricingPageStatusAsync(restarted, cookie));
        // Without the cookie the same page sends the visitor to sign in: the 200s above are the cookie's doing.
        Assert.Equal(HttpStatusCode.Redirect, await PricingPageStatusAsync(restarted, cookie: null));

        var stored = await StoredKeysAsync(restarted);
        Assert.NotEmpty(stored);
        Assert.All(stored, key =>
        {
            Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
            Assert.Contains("AesGcmXmlDecryptor", key, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task WithoutConfiguredSecret_ASecretFileIsGenerated_ReadableByTheOwnerOnly()
    {
        await using var database = TestDatabase.Sqlite();
        await using var app = new SpendOpsAppFactory(database, "http://127.0.0.1:9");
        app.Settings["DataProtection:KeySecret"] = "";
        app.Start();
        var secretFile = Path.Combine(app.DataDirectory, "data-protection.secret");

        using var login = await LoginForm.PostAsync(app.BaseAddress, SpendOpsAppFactory.AdminEmail, SpendOpsAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.True(File.Exists(secretFile));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretFile));
        var secret = (await File.ReadAllTextAsync(secretFile)).Trim();
        Assert.DoesNotContain(await StoredKeysAsync(app), xml => xml.Contains(secret, StringComparison.Ordinal) || xml.Contains("<masterKey", StringComparison.Ordinal));
    }

    private static SpendOpsAppFactory Start(TestDatabase database)
    {
        var app = new SpendOpsAppFactory(database, "http://127.0.0.1:9");
        app.Settings["DataProtection:KeySecret"] = Secret;
        return app.Start();
    }

    private static async Task<HttpStatusCode> PricingPageStatusAsync(SpendOpsAppFactory app, string? cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pricing");
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<List<string>> StoredKeysAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        return await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml ?? "").ToListAsync();
    }
}
