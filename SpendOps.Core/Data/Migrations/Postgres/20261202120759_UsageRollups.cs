using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UsageRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RollupDirtyHours",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HourEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupDirtyHours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollupRetainedHours",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetainedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupRetainedHours", x => new { x.TenantId, x.Hour });
                });

            migrationBuilder.CreateTable(
                name: "RollupStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    BackfilledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupStates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageDimensionRollups",
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
                    table.PrimaryKey("PK_UsageDimensionRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageDimensionRollups_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UsageHourlyRollups",
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
                    table.PrimaryKey("PK_UsageHourlyRollups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageHourlyRollups_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RollupDirtyHours_Hour",
                table: "RollupDirtyHours",
                column: "Hour");

            migrationBuilder.CreateIndex(
                name: "IX_RollupDirtyHours_TenantId_Hour",
                table: "RollupDirtyHours",
                columns: new[] { "TenantId", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageDimensionRollups_TenantId_DimensionName_Hour",
                table: "UsageDimensionRollups",
                columns: new[] { "TenantId", "DimensionName", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageDimensionRollups_TenantId_Hour",
                table: "UsageDimensionRollups",
                columns: new[] { "TenantId", "Hour" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageHourlyRollups_TenantId_Hour",
                table: "UsageHourlyRollups",
                columns: new[] { "TenantId", "Hour" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RollupDirtyHours");

            migrationBuilder.DropTable(
                name: "RollupRetainedHours");

            migrationBuilder.DropTable(
                name: "RollupStates");

            migrationBuilder.DropTable(
                name: "UsageDimensionRollups");

            migrationBuilder.DropTable(
                name: "UsageHourlyRollups");
        }
    }
}
