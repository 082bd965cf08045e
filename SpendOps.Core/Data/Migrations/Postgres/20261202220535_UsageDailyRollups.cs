using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UsageDailyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DaysBuiltAt",
                table: "RollupStates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UsageDailyRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
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
                    table.PrimaryKey("PK_UsageDailyRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageDailyRollups_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageDailyRollups_TenantId_Hour",
                table: "UsageDailyRollups",
                columns: new[] { "TenantId", "Hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageDailyRollups");

            migrationBuilder.DropColumn(
                name: "DaysBuiltAt",
                table: "RollupStates");
        }
    }
}
