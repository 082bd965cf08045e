using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UsageDailyDimensionRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsageDailyDimensionRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DimensionName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DimensionValue = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Endpoint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ModelRequested = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ModelReported = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ApiKeyId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Source = table.Column<int>(type: "int", nullable: false),
                    Estimated = table.Column<bool>(type: "bit", nullable: false),
                    UsageComplete = table.Column<bool>(type: "bit", nullable: false),
                    PricingStatus = table.Column<int>(type: "int", nullable: false),
                    CostSource = table.Column<int>(type: "int", nullable: true),
                    HasProviderCost = table.Column<bool>(type: "bit", nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CacheReadTokens = table.Column<long>(type: "bigint", nullable: false),
                    CacheWriteTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    ReasoningTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostUsd = table.Column<decimal>(type: "decimal(24,10)", precision: 24, scale: 10, nullable: false),
                    ProviderCostUsd = table.Column<decimal>(type: "decimal(24,10)", precision: 24, scale: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageDailyDimensionRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageDailyDimensionRollups_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageDailyDimensionRollups_TenantId_DimensionName_Hour",
                table: "UsageDailyDimensionRollups",
                columns: new[] { "TenantId", "DimensionName", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageDailyDimensionRollups_TenantId_Hour",
                table: "UsageDailyDimensionRollups",
                columns: new[] { "TenantId", "Hour" });

            // The daily rollups now have a dimension kind: the next rollup run sums every day again, both kinds, and
            // queries read hours only until it has.
            migrationBuilder.Sql("UPDATE \"RollupStates\" SET \"DaysBuiltAt\" = NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageDailyDimensionRollups");
        }
    }
}
