using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UsageRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordTimestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CostBeforeUsd = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: true),
                    CostAfterUsd = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: true),
                    DeltaUsd = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: false),
                    PriceIdBefore = table.Column<long>(type: "INTEGER", nullable: true),
                    CostSourceBefore = table.Column<int>(type: "INTEGER", nullable: true),
                    PriceIdAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    CostSourceAfter = table.Column<int>(type: "INTEGER", nullable: true),
                    AdjustedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
