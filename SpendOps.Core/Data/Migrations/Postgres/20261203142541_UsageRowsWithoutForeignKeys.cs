using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL checks a foreign key row by row, with a query per copied row: half the server's time in the usage
    /// writer's COPY. The writer checks a record's tenant itself, and retention deletes dimension rows with their
    /// records, so usage rows and dimension rows keep their relationships in the model but no constraint here.
    /// </summary>
    public partial class UsageRowsWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UsageDimensions_UsageRecords_UsageRecordId",
                table: "UsageDimensions");

            migrationBuilder.DropForeignKey(
                name: "FK_UsageRecords_Tenants_TenantId",
                table: "UsageRecords");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_UsageDimensions_UsageRecords_UsageRecordId",
                table: "UsageDimensions",
                column: "UsageRecordId",
                principalTable: "UsageRecords",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_UsageRecords_Tenants_TenantId",
                table: "UsageRecords",
                column: "TenantId",
                principalTable: "Tenants",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
