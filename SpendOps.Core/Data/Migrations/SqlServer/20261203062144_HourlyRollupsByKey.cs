using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HourlyRollupsByKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_UsageHourlyRollups_TenantId_ApiKeyId_Hour",
                table: "UsageHourlyRollups",
                columns: new[] { "TenantId", "ApiKeyId", "Hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageHourlyRollups_TenantId_ApiKeyId_Hour",
                table: "UsageHourlyRollups");
        }
    }
}
