using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Data;

/// <summary>Refuses to start with PostgreSQL selected and no connection string, naming the setting to fix.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            return ValidateOptionsResult.Fail(
                "Database:Provider is Postgres but ConnectionStrings:SpendOps is empty. Set it, e.g. ConnectionStrings__SpendOps='Host=db;Database=spendops;Username=spendops;Password=...'.");
        }
        return ValidateOptionsResult.Success;
    }
}
