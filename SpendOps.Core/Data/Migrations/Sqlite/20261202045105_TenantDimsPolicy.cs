using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantDimsPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DimsChangedAt",
                table: "Tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "TenantDimensions",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowedValues = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantDimensions", x => new { x.TenantId, x.Name });
                    table.ForeignKey(
                        name: "FK_TenantDimensions_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_DimsChangedAt",
                table: "Tenants",
                column: "DimsChangedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TenantDimensions");

            migrationBuilder.DropIndex(
                name: "IX_Tenants_DimsChangedAt",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "DimsChangedAt",
                table: "Tenants");
        }
    }
}
