using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PriceId = table.Column<long>(type: "INTEGER", nullable: false),
                    ReplacedPriceId = table.Column<long>(type: "INTEGER", nullable: true),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ModelKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ServiceTier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CatalogValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: false),
                    CorrectedValue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
