using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UsageCostAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UsageCostAdjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UsageRecordId = table.Column<long>(type: "bigint", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordTimestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CostBeforeUsd = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: true),
                    CostAfterUsd = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: true),
                    DeltaUsd = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: false),
                    PriceIdBefore = table.Column<long>(type: "bigint", nullable: true),
                    CostSourceBefore = table.Column<int>(type: "integer", nullable: true),
                    PriceIdAfter = table.Column<long>(type: "bigint", nullable: true),
                    CostSourceAfter = table.Column<int>(type: "integer", nullable: true),
                    AdjustedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageCostAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UsageCostAdjustments_UsageRecords_UsageRecordId",
                        column: x => x.UsageRecordId,
                        principalTable: "UsageRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageCostAdjustments_AdjustedAt",
                table: "UsageCostAdjustments",
                column: "AdjustedAt");

            migrationBuilder.CreateIndex(
                name: "IX_UsageCostAdjustments_TenantId_AdjustedAt",
                table: "UsageCostAdjustments",
                columns: new[] { "TenantId", "AdjustedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageCostAdjustments_UsageRecordId",
                table: "UsageCostAdjustments",
                column: "UsageRecordId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UsageCostAdjustments");
        }
    }
}
