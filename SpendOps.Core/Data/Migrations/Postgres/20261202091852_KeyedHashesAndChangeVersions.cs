using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeyedHashesAndChangeVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_DimsChangedAt",
                table: "Tenants");

            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_UpdatedAt",
                table: "ApiKeys");

            migrationBuilder.AddColumn<long>(
                name: "DimsChangeVersion",
                table: "Tenants",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<string>(
                name: "SecretHash",
                table: "IngestKeys",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "SecretHash",
                table: "ApiKeys",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<long>(
                name: "ChangeVersion",
                table: "ApiKeys",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "KeyStoreState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ChangeVersion = table.Column<long>(type: "bigint", nullable: false),
                    HashSecretCheck = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyStoreState", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "KeyStoreState",
                columns: new[] { "Id", "ChangeVersion", "HashSecretCheck" },
                values: new object[] { 1, 0L, null });

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_DimsChangeVersion",
                table: "Tenants",
                column: "DimsChangeVersion");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_ChangeVersion",
                table: "ApiKeys",
                column: "ChangeVersion");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KeyStoreState");

            migrationBuilder.DropIndex(
                name: "IX_Tenants_DimsChangeVersion",
                table: "Tenants");

            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_ChangeVersion",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "DimsChangeVersion",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "ChangeVersion",
                table: "ApiKeys");

            migrationBuilder.AlterColumn<string>(
                name: "SecretHash",
                table: "IngestKeys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);

            migrationBuilder.AlterColumn<string>(
                name: "SecretHash",
                table: "ApiKeys",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(80)",
                oldMaxLength: 80);

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_DimsChangedAt",
                table: "Tenants",
                column: "DimsChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_UpdatedAt",
                table: "ApiKeys",
                column: "UpdatedAt");
        }
    }
}
