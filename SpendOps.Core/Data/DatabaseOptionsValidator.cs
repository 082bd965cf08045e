using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Data;

/// <summary>Refuses to start with a server database selected and no connection string, naming the setting to fix.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail(
                $"Database:Provider is {(int)options.Provider}, which is not a database. Set it to Sqlite, Postgres or SqlServer.");
        }
        var example = options.Provider switch
        {
            DatabaseProvider.Postgres => "Host=db;Database=spendops;Username=spendops;Password=...",
            DatabaseProvider.SqlServer => "Server=db;Database=spendops;User Id=spendops;Password=...;TrustServerCertificate=true",
            _ => null,
        };
        if (example is not null && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            return ValidateOptionsResult.Fail(
                $"Database:Provider is {options.Provider} but ConnectionStrings:SpendOps is empty. Set it, e.g. ConnectionStrings__SpendOps='{example}'.");
        }
        return ValidateOptionsResult.Success;
    }
}
