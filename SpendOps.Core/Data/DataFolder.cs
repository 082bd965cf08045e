using Microsoft.Extensions.Configuration;

namespace SpendOps.Core.Data;

/// <summary>
/// The <c>DataFolder</c> setting: the one folder every relative data path resolves against (the SQLite file, the usage
/// spill and journal folders, the generated key hash secret and sign-in key secret). Its own default, <c>./data</c>, is
/// relative to the app's folder, not to the working directory: a service manager, a container or a shell starting the
/// app from elsewhere must find the same files. Absolute paths, of the folder or of a single file, stay as given.
/// </summary>
public sealed class DataFolder
{
    public const string SettingName = "DataFolder";
    public const string DefaultPath = "./data";

    private DataFolder(string path) => Path = path;

    /// <summary>The resolved, absolute folder.</summary>
    public string Path { get; }

    public static DataFolder From(IConfiguration configuration) =>
        At(configuration[SettingName] is { Length: > 0 } configured ? configured : DefaultPath);

    public static DataFolder At(string path) => new(System.IO.Path.GetFullPath(path, AppContext.BaseDirectory));

    /// <summary>
    /// <paramref name="path"/> when absolute, otherwise the same path inside the data folder. A relative path written
    /// as earlier releases shipped it (<c>./data/spendops.db</c>, <c>data/usage-spill</c>) names the same file as the
    /// new default (<c>spendops.db</c>), not a <c>data</c> folder inside the data folder: existing settings keep working.
    /// </summary>
    public string Resolve(string path) => System.IO.Path.GetFullPath(WithoutEarlierPrefix(path), Path);

    private static string WithoutEarlierPrefix(string path)
    {
        foreach (var prefix in EarlierPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length)
                return path[prefix.Length..];
        }
        return path;
    }

    private static readonly string[] EarlierPrefixes = ["./data/", "data/", ".\\data\\", "data\\"];
}
