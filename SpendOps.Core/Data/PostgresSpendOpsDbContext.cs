using Microsoft.EntityFrameworkCore;

namespace SpendOps.Core.Data;

/// <summary>The PostgreSQL flavour of the model, with its own migrations in <c>Data/Migrations/Postgres</c>.</summary>
public sealed class PostgresSpendOpsDbContext(DbContextOptions<PostgresSpendOpsDbContext> options) : SpendOpsDbContext(options);
