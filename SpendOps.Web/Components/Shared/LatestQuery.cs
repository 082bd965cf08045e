namespace SpendOps.Web.Components.Shared;

/// <summary>
/// Cancels the previous load when a component starts a new one (the user changed the period while a query ran),
/// so a slow, stale answer never overwrites a newer one.
/// </summary>
internal sealed class LatestQuery : IDisposable
{
    private CancellationTokenSource? current;

    public CancellationToken Start()
    {
        current?.Cancel();
        current?.Dispose();
        current = new CancellationTokenSource();
        return current.Token;
    }

    public void Dispose()
    {
        current?.Cancel();
        current?.Dispose();
    }
}
