using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Sqlite
{
    /// <summary>
    /// Dimension rows in one B-tree, ordered by their primary key (record, name), and without the foreign key to their
    /// record. As a rowid table with a composite key, every dimension row was written twice (the table and the key's
    /// index) and checked against its record; without that, <c>bench/writer</c> stores about 14 % more records a second
    /// on SQLite, each 11 % smaller. Retention deletes dimension rows with their records, as on PostgreSQL. EF Core cannot say <c>WITHOUT ROWID</c>, so this is the
    /// table rebuild EF itself would write, in SQL; a rebuild EF generates later would bring back the rowid table and the
    /// constraint, which <c>SqliteUsageSchemaTests</c> catches.
    /// </summary>
    public partial class UsageDimensionsWithoutRowid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, """
                CREATE TABLE "ef_temp_UsageDimensions" (
                    "UsageRecordId" INTEGER NOT NULL,
                    "Name" TEXT NOT NULL,
                    "Value" TEXT NOT NULL,
                    CONSTRAINT "PK_UsageDimensions" PRIMARY KEY ("UsageRecordId", "Name")
                ) WITHOUT ROWID;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, """
                CREATE TABLE "ef_temp_UsageDimensions" (
                    "UsageRecordId" INTEGER NOT NULL,
                    "Name" TEXT NOT NULL,
                    "Value" TEXT NOT NULL,
                    CONSTRAINT "PK_UsageDimensions" PRIMARY KEY ("UsageRecordId", "Name"),
                    CONSTRAINT "FK_UsageDimensions_UsageRecords_UsageRecordId" FOREIGN KEY ("UsageRecordId") REFERENCES "UsageRecords" ("Id") ON DELETE CASCADE
                );
                """);
        }

        /// <summary>Copies the rows into the new table, which takes the old one's place, and recreates the two partial indexes.</summary>
        private static void Rebuild(MigrationBuilder migrationBuilder, string createTable)
        {
            migrationBuilder.Sql(createTable);
            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_UsageDimensions" ("UsageRecordId", "Name", "Value")
                SELECT "UsageRecordId", "Name", "Value" FROM "UsageDimensions";
                """);
            migrationBuilder.Sql("""DROP TABLE "UsageDimensions";""");
            migrationBuilder.Sql("""ALTER TABLE "ef_temp_UsageDimensions" RENAME TO "UsageDimensions";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_UsageDimensions_InstallId" ON "UsageDimensions" ("Value") WHERE "Name" = 'user.id';""");
            migrationBuilder.Sql("""CREATE INDEX "IX_UsageDimensions_SessionId" ON "UsageDimensions" ("Value") WHERE "Name" = 'session.id';""");
        }
    }
}
