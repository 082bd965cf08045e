using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Npgsql;

namespace SpendOps.Core.Usage;

/// <summary>
/// Writes rows of a binary <c>COPY … FROM STDIN</c> in PostgreSQL's own binary format into a buffer, sent in blocks
/// through Npgsql's raw copy stream. Npgsql's typed importer binds a parameter for every value, which cost the usage
/// writer more CPU than the rest of a batch on the client; these are a few byte writes each.
/// </summary>
internal sealed class PostgresCopyWriter : IUsageColumnWriter, IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;

    // The header: the 11-byte signature "PGCOPY\n\xff\r\n\0", flags (no OIDs), header extension length.
    private static ReadOnlySpan<byte> Header =>
        [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream stream;
    private readonly short columnCount;
    private byte[] buffer = new byte[FlushAt + 4096];
    private int position;
    private bool completed;

    private PostgresCopyWriter(NpgsqlRawCopyStream stream, int columnCount)
    {
        this.stream = stream;
        this.columnCount = checked((short)columnCount);
        Header.CopyTo(buffer);
        position = Header.Length;
    }

    public static async Task<PostgresCopyWriter> BeginAsync(NpgsqlConnection connection, string table, string[] columns, CancellationToken cancellationToken)
    {
        var stream = await connection.BeginRawBinaryCopyAsync($"COPY \"{table}\" ({ColumnList(columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        return new PostgresCopyWriter(stream, columns.Length);
    }

    /// <summary>The columns quoted and separated by commas, as a COPY or INSERT names them.</summary>
    public static string ColumnList(string[] columns) => string.Join(", ", columns.Select(c => "\"" + c + "\""));

    /// <summary>Starts a row; sends what is buffered first once it is a block's worth.</summary>
    public async ValueTask StartRowAsync(CancellationToken cancellationToken)
    {
        if (position >= FlushAt)
            await FlushAsync(cancellationToken);
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), columnCount);
    }

    /// <summary>Sends the rest and ends the copy; PostgreSQL's verdict on the rows (a unique violation, say) is thrown here.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        await FlushAsync(cancellationToken);
        completed = true;
        await stream.DisposeAsync();
    }

    /// <summary>A copy not completed is cancelled, so a half-written batch never reaches the table.</summary>
    public async ValueTask DisposeAsync()
    {
        if (completed)
            return;
        completed = true;
        try
        {
            await stream.CancelAsync();
            await stream.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // Disposed while the copy's failure is on its way out: that failure is the one to report.
        }
    }

    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    public void Boolean(bool value) => Field(1)[0] = value ? (byte)1 : (byte)0;

    public void Double(double value) => BinaryPrimitives.WriteDoubleBigEndian(Field(8), value);

    public void Text(string value)
    {
        var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        position -= span.Length - 4 - length;
    }

    /// <summary>A uuid is its 16 bytes in RFC 4122 order, which is .NET's big-endian form of a Guid.</summary>
    public void Uuid(Guid value) => value.TryWriteBytes(Field(16), bigEndian: true, out _);

    /// <summary>A <c>timestamptz</c> is microseconds since 2000-01-01 UTC; ticks below a microsecond are dropped, as Npgsql does.</summary>
    public void Time(DateTimeOffset value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), (value.UtcTicks - PostgresEpochTicks) / 10);

    /// <summary>
    /// A <c>numeric</c> is its base-10000 digits, most significant first, with the weight (power of 10000) of the first,
    /// a sign and the display scale (digits after the point). The decimal's invariant text has exactly its digits and
    /// scale, so the digits are grouped from it: by fours leftwards from the point, and rightwards after it.
    /// </summary>
    public void Money(decimal value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        text = text[..length];
        var negative = text[0] == '-';
        if (negative)
            text = text[1..];
        var point = text.IndexOf('.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];

        var integerGroups = (integer.Length + 3) / 4;
        Span<short> digits = stackalloc short[integerGroups + (fraction.Length + 3) / 4];
        for (var g = 0; g < integerGroups; g++)
        {
            // Group g counts from the left; the first may be short.
            var end = integer.Length - (integerGroups - 1 - g) * 4;
            digits[g] = Group(integer[Math.Max(0, end - 4)..end], padRight: 0);
        }
        for (var g = integerGroups; g < digits.Length; g++)
        {
            var start = (g - integerGroups) * 4;
            var part = fraction[start..Math.Min(fraction.Length, start + 4)];
            digits[g] = Group(part, padRight: 4 - part.Length);
        }

        var weight = integerGroups - 1;
        var first = 0;
        while (first < digits.Length && digits[first] == 0)
        {
            first++;
            weight--;
        }
        var last = digits.Length;
        while (last > first && digits[last - 1] == 0)
            last--;
        digits = digits[first..last];
        if (digits.IsEmpty)
            weight = 0;

        var field = Field(8 + 2 * digits.Length);
        BinaryPrimitives.WriteInt16BigEndian(field, (short)digits.Length);
        BinaryPrimitives.WriteInt16BigEndian(field[2..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(field[4..], negative && !digits.IsEmpty ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(field[6..], (short)fraction.Length);
        for (var i = 0; i < digits.Length; i++)
            BinaryPrimitives.WriteInt16BigEndian(field[(8 + 2 * i)..], digits[i]);
    }

    private static short Group(ReadOnlySpan<char> decimalDigits, int padRight)
    {
        var value = 0;
        foreach (var c in decimalDigits)
            value = value * 10 + (c - '0');
        for (var i = 0; i < padRight; i++)
            value *= 10;
        return (short)value;
    }

    /// <summary>A value's length, then room for the value.</summary>
    private Span<byte> Field(int length)
    {
        var span = Reserve(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        return span[4..];
    }

    private Span<byte> Reserve(int length)
    {
        if (position + length > buffer.Length)
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, position + length));
        var span = buffer.AsSpan(position, length);
        position += length;
        return span;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await stream.WriteAsync(buffer.AsMemory(0, position), cancellationToken);
        position = 0;
    }
}
