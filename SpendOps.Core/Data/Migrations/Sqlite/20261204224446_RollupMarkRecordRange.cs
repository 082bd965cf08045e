using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RollupMarkRecordRange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FirstRecordId",
                table: "RollupDirtyHours",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastRecordId",
                table: "RollupDirtyHours",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstRecordId",
                table: "RollupDirtyHours");

            migrationBuilder.DropColumn(
                name: "LastRecordId",
                table: "RollupDirtyHours");
        }
    }
}
