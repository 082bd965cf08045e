namespace SpendOps.Core.Keys;

/// <summary>
/// The one row of database-wide key state: the change counter behind <see cref="ApiKey.ChangeVersion"/> and the
/// check value of the hash secret (<see cref="KeyHasher.Check"/>).
/// </summary>
public sealed class KeyStoreState
{
    public const int RowId = 1;

    public int Id { get; set; }

    /// <summary>The last version handed out by <see cref="KeyChangeVersions"/>.</summary>
    public long ChangeVersion { get; set; }

    /// <summary>Set by the first instance that starts with a hash secret; null before that.</summary>
    public string? HashSecretCheck { get; set; }
}
