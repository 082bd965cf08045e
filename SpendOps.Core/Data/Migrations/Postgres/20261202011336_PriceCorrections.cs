using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PriceCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PriceCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PriceId = table.Column<long>(type: "bigint", nullable: false),
                    ReplacedPriceId = table.Column<long>(type: "bigint", nullable: true),
                    Provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ModelKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServiceTier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CatalogValue = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: false),
                    CorrectedValue = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: false),
                    Rule = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriceCorrections_ModelPrices_PriceId",
                        column: x => x.PriceId,
                        principalTable: "ModelPrices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriceCorrections_ModelPrices_ReplacedPriceId",
                        column: x => x.ReplacedPriceId,
                        principalTable: "ModelPrices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PriceCorrections_PriceId",
                table: "PriceCorrections",
                column: "PriceId");

            migrationBuilder.CreateIndex(
                name: "IX_PriceCorrections_ReplacedPriceId",
                table: "PriceCorrections",
                column: "ReplacedPriceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PriceCorrections");
        }
    }
}
