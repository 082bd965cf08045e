using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanUsageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageRecords_TenantId_UpstreamRequestId",
                table: "UsageRecords");

            migrationBuilder.DropIndex(
                name: "IX_UsageDimensions_Name_Value",
                table: "UsageDimensions");

            migrationBuilder.AddColumn<bool>(
                name: "UpstreamIdIndexed",
                table: "UsageRecords",
                type: "boolean",
                nullable: false,
                // Rows stored before stay in the upstream id index: which tenants had telemetry then is not known.
                defaultValue: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_TenantId_UpstreamRequestId",
                table: "UsageRecords",
                columns: new[] { "TenantId", "UpstreamRequestId" },
                filter: "\"UpstreamIdIndexed\"");

            migrationBuilder.CreateIndex(
                name: "IX_UsageDimensions_InstallId",
                table: "UsageDimensions",
                column: "Value",
                filter: "\"Name\" = 'user.id'");

            migrationBuilder.CreateIndex(
                name: "IX_UsageDimensions_SessionId",
                table: "UsageDimensions",
                column: "Value",
                filter: "\"Name\" = 'session.id'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageRecords_TenantId_UpstreamRequestId",
                table: "UsageRecords");

            migrationBuilder.DropIndex(
                name: "IX_UsageDimensions_InstallId",
                table: "UsageDimensions");

            migrationBuilder.DropIndex(
                name: "IX_UsageDimensions_SessionId",
                table: "UsageDimensions");

            migrationBuilder.DropColumn(
                name: "UpstreamIdIndexed",
                table: "UsageRecords");

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_TenantId_UpstreamRequestId",
                table: "UsageRecords",
                columns: new[] { "TenantId", "UpstreamRequestId" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageDimensions_Name_Value",
                table: "UsageDimensions",
                columns: new[] { "Name", "Value" });
        }
    }
}
