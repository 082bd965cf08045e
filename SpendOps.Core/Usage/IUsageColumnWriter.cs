namespace SpendOps.Core.Usage;

/// <summary>
/// Receives one row's values column by column, each as its own CLR type, so a bulk writer stores them without boxing
/// or reflection. Each database's writer turns them into what its columns hold (<see cref="UsageColumns"/> gives the order).
/// </summary>
internal interface IUsageColumnWriter
{
    void Null();

    void Int32(int value);

    void Int64(long value);

    void Boolean(bool value);

    void Double(double value);

    void Text(string value);

    void Uuid(Guid value);

    void Money(decimal value);

    void Time(DateTimeOffset value);
}
