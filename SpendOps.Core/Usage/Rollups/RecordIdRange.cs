namespace SpendOps.Core.Usage.Rollups;

/// <summary>Usage record ids from <see cref="First"/> to <see cref="Last"/>, both included.</summary>
internal readonly record struct RecordIdRange(long First, long Last)
{
    public bool Contains(long id) => id >= First && id <= Last;
}
