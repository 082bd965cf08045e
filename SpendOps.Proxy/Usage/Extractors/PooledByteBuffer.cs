using System.Buffers;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}"/> with a hard size cap, for the few bytes the
/// readers must hold (one SSE event, one captured JSON value). Past the cap it drops its content and stays
/// <see cref="Overflowed"/> until cleared, so memory never grows with the input.
/// </summary>
internal sealed class PooledByteBuffer(int maxBytes)
{
    private const int InitialBytes = 1024;

    private byte[]? array;

    public int Length { get; private set; }

    /// <summary>True once an append would have passed the cap; further appends are ignored until <see cref="Clear"/>.</summary>
    public bool Overflowed { get; private set; }

    public ReadOnlySpan<byte> Span => array.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Overflowed || bytes.IsEmpty)
            return;
        if (Length + bytes.Length > maxBytes)
        {
            Overflowed = true;
            Length = 0;
            return;
        }

        if (array is null || array.Length < Length + bytes.Length)
            Grow(Length + bytes.Length);
        bytes.CopyTo(array.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Clear()
    {
        Length = 0;
        Overflowed = false;
    }

    /// <summary>Clears and returns the array to the pool; the buffer can still be used afterwards.</summary>
    public void Release()
    {
        Clear();
        if (array is not null)
            ArrayPool<byte>.Shared.Return(array);
        array = null;
    }

    private void Grow(int needed)
    {
        var size = Math.Min(Math.Max(needed, Math.Max(InitialBytes, (array?.Length ?? 0) * 2)), maxBytes);
        var next = ArrayPool<byte>.Shared.Rent(size);
        if (array is not null)
        {
            array.AsSpan(0, Length).CopyTo(next);
            ArrayPool<byte>.Shared.Return(array);
        }

        array = next;
    }
}
