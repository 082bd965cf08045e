using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UsageTenantForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_UsageRecords_Tenants_TenantId",
                table: "UsageRecords",
                column: "TenantId",
                principalTable: "Tenants",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UsageRecords_Tenants_TenantId",
                table: "UsageRecords");
        }
    }
}
