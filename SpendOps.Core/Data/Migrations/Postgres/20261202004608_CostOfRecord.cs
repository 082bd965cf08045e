using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CostOfRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CostSource",
                table: "UsageRecords",
                type: "integer",
                nullable: true);

            // Records priced before this column existed: their price row says whether it was the tenant's own.
            // Unpriced records with a reported cost are moved to it by the pricing job's first run.
            migrationBuilder.Sql("""
                UPDATE "UsageRecords" SET "CostSource" = CASE
                    WHEN EXISTS (SELECT 1 FROM "ModelPrices" p WHERE p."Id" = "UsageRecords"."PriceId" AND p."TenantId" IS NOT NULL) THEN 2
                    ELSE 1 END
                WHERE "PricingStatus" = 1
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CostSource",
                table: "UsageRecords");
        }
    }
}
