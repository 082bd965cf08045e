namespace SpendOps.Proxy.Usage;

/// <summary>Files of records not known to be in the database, which the writer replays: spill files and journal segments.</summary>
internal interface IUsageReplaySource
{
    /// <summary>Takes the files to replay now.</summary>
    IReadOnlyList<string> Claim();

    /// <summary>Every record of the file is in the database or set aside: the file goes.</summary>
    void Release(string path);

    /// <summary>Moves a file of another database aside, unreplayed, and returns where it went.</summary>
    string SetAsideForeign(string path);
}
