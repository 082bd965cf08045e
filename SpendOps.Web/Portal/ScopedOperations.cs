namespace SpendOps.Web.Portal;

/// <summary>
/// Runs one portal operation in its own DI scope. An interactive component lives as long as its circuit, so it must
/// not hold a scoped <c>SpendOpsDbContext</c> (or a <c>UserManager</c> over one): each operation gets a fresh
/// context from <c>IDbContextFactory</c> (the scoped registration) and disposes it when the operation ends.
/// </summary>
public static class ScopedOperations
{
    public static async Task<TResult> RunAsync<TService, TResult>(this IServiceScopeFactory scopes, Func<TService, Task<TResult>> operation)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static async Task RunAsync<TService>(this IServiceScopeFactory scopes, Func<TService, Task> operation)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
