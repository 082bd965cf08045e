using System.Buffers.Binary;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The id of a proxied call (<c>X-ASO-Request-Id</c>): <c>aso_</c> and the 32 hex digits of a version-7 UUID, so ids
/// sort by time. Its 74 random bits come from <see cref="Random.Shared"/> (per thread, seeded from the system's secure
/// source) rather than <see cref="Guid.CreateVersion7()"/>'s: an id names a call, it guards nothing, and on Linux the
/// secure source cost a system call on every request.
/// </summary>
internal static class RequestIds
{
    public static string New(DateTimeOffset now)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        // RFC 9562: 48 bits of Unix milliseconds, the version in the high nibble of byte 6, the variant in byte 8.
        BinaryPrimitives.WriteInt64BigEndian(bytes, now.ToUnixTimeMilliseconds() << 16 | BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]));
        bytes[6] = (byte)(0x70 | bytes[6] & 0x0F);
        bytes[8] = (byte)(0x80 | bytes[8] & 0x3F);
        return string.Create(4 + 32, new Guid(bytes, bigEndian: true), static (text, id) =>
        {
            "aso_".CopyTo(text);
            id.TryFormat(text[4..], out _, "N");
        });
    }
}
