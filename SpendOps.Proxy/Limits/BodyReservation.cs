namespace SpendOps.Proxy.Limits;

/// <summary>The share of the <see cref="RequestBodyBudget"/> one request holds; returned in full when the request ends.</summary>
internal sealed class BodyReservation(RequestBodyBudget budget) : IDisposable
{
    private long held;

    public bool TryTake(long bytes)
    {
        if (!budget.TryReserve(bytes))
            return false;
        held += bytes;
        return true;
    }

    public void Dispose()
    {
        budget.Release(held);
        held = 0;
    }
}
