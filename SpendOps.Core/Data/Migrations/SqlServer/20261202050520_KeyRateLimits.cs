using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class KeyRateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DefaultRequestsPerMinute",
                table: "Tenants",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DefaultTokensPerMinute",
                table: "Tenants",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RateLimitCounters",
                columns: table => new
                {
                    ApiKeyId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    WindowMinute = table.Column<long>(type: "bigint", nullable: false),
                    InstanceId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Requests = table.Column<int>(type: "int", nullable: false),
                    Tokens = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitCounters", x => new { x.ApiKeyId, x.WindowMinute, x.InstanceId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitCounters_WindowMinute",
                table: "RateLimitCounters",
                column: "WindowMinute");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RateLimitCounters");

            migrationBuilder.DropColumn(
                name: "DefaultRequestsPerMinute",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "DefaultTokensPerMinute",
                table: "Tenants");
        }
    }
}
