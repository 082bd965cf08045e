using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DimensionName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DimensionValue = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Endpoint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ModelRequested = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ModelReported = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ApiKeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Estimated = table.Column<bool>(type: "boolean", nullable: false),
                    UsageComplete = table.Column<bool>(type: "boolean", nullable: false),
                    PricingStatus = table.Column<int>(type: "integer", nullable: false),
                    CostSource = table.Column<int>(type: "integer", nullable: true),
                    HasProviderCost = table.Column<bool>(type: "boolean", nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CacheReadTokens = table.Column<long>(type: "bigint", nullable: false),
                    CacheWriteTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    ReasoningTokens = table.Column<long>(type: "bigint", nullable: false),
                    CostUsd = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false),
                    ProviderCostUsd = table.Column<decimal>(type: "numeric(24,10)", precision: 24, scale: 10, nullable: false)
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
