namespace SpendOps.Proxy.Limits;

/// <summary>
/// A request body of unknown length (chunked) that takes its bytes from the <see cref="RequestBodyBudget"/> as they
/// are read, and throws <see cref="BodyBudgetExceededException"/> when the budget has no room: the request is
/// refused, never forwarded with a shortened body.
/// </summary>
internal sealed class BudgetedBodyStream(Stream inner, BodyReservation reservation) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Take(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Take(inner.Read(buffer, offset, count));

    private int Take(int count)
    {
        if (count > 0 && !reservation.TryTake(count))
            throw new BodyBudgetExceededException();
        return count;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
