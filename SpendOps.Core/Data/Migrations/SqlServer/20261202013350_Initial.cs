using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SpendOps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    PasswordHash = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    SecurityStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PhoneNumber = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "bit", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "bit", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EntityType = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EntityId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Details = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ModelPrices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ModelKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ServiceTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    EffectiveFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    InputPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: false),
                    OutputPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: false),
                    CacheReadPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    CacheWrite5mPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    CacheWrite1hPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    ReasoningPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    AudioInputPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    AudioOutputPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    ImageInputPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    ImageOutputPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    ThresholdTokens = table.Column<long>(type: "bigint", nullable: true),
                    InputAboveThresholdPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    OutputAboveThresholdPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    CacheReadAboveThresholdPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    CacheWrite5mAboveThresholdPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    CacheWrite1hAboveThresholdPerMTok = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    RequestFee = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    SearchFeeLow = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    SearchFeeMedium = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    SearchFeeHigh = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    SearchFeePerRequest = table.Column<bool>(type: "bit", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelPrices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PriceDiscounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ModelPattern = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Percent = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: false),
                    EffectiveFrom = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceDiscounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Tenants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TimeZone = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tenants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UpstreamRequestId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Timestamp = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApiKeyId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ConnectionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Source = table.Column<int>(type: "int", nullable: false),
                    Estimated = table.Column<bool>(type: "bit", nullable: false),
                    Superseded = table.Column<bool>(type: "bit", nullable: false),
                    Provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Endpoint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ModelRequested = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ModelReported = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Stream = table.Column<bool>(type: "bit", nullable: false),
                    StatusCode = table.Column<int>(type: "int", nullable: false),
                    LatencyMs = table.Column<double>(type: "float", nullable: false),
                    TimeToFirstByteMs = table.Column<double>(type: "float", nullable: true),
                    RequestBytes = table.Column<long>(type: "bigint", nullable: false),
                    ResponseBytes = table.Column<long>(type: "bigint", nullable: false),
                    Billable = table.Column<bool>(type: "bit", nullable: false),
                    UsageComplete = table.Column<bool>(type: "bit", nullable: false),
                    SearchContextSize = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    ServiceTier = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ProviderCostUsd = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    CostUsd = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: true),
                    CostSource = table.Column<int>(type: "int", nullable: true),
                    PricingStatus = table.Column<int>(type: "int", nullable: false),
                    PriceId = table.Column<long>(type: "bigint", nullable: true),
                    PricedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Dims = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    AudioInputTokens = table.Column<long>(type: "bigint", nullable: false),
                    AudioOutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    CacheReadTokens = table.Column<long>(type: "bigint", nullable: false),
                    CacheWrite1hTokens = table.Column<long>(type: "bigint", nullable: false),
                    CacheWrite5mTokens = table.Column<long>(type: "bigint", nullable: false),
                    ImageInputTokens = table.Column<long>(type: "bigint", nullable: false),
                    ImageOutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    InputTokens = table.Column<long>(type: "bigint", nullable: false),
                    OutputTokens = table.Column<long>(type: "bigint", nullable: false),
                    ReasoningTokens = table.Column<long>(type: "bigint", nullable: false),
                    WebSearchRequests = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RoleId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ClaimType = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ClaimValue = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderKey = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    RoleId = table.Column<string>(type: "nvarchar(450)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    LoginProvider = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Value = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PriceCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PriceId = table.Column<long>(type: "bigint", nullable: false),
                    ReplacedPriceId = table.Column<long>(type: "bigint", nullable: true),
                    Provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ModelKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ServiceTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Field = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CatalogValue = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: false),
                    CorrectedValue = table.Column<decimal>(type: "decimal(20,10)", precision: 20, scale: 10, nullable: false),
                    Rule = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SecretHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SecretHint = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Policy = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RotatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TelemetryConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    LastReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TelemetryConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TelemetryConnections_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UsageDimensions",
                columns: table => new
                {
                    UsageRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageDimensions", x => new { x.UsageRecordId, x.Name });
                    table.ForeignKey(
                        name: "FK_UsageDimensions_UsageRecords_UsageRecordId",
                        column: x => x.UsageRecordId,
                        principalTable: "UsageRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IngestKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SecretHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SecretHint = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Scopes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RotatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IngestKeys_TelemetryConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "TelemetryConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IngestKeys_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TelemetryBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IngestKeyId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Signal = table.Column<int>(type: "int", nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ContentEncoding = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ByteSize = table.Column<long>(type: "bigint", nullable: false),
                    DecodedByteSize = table.Column<long>(type: "bigint", nullable: false),
                    BodyFormat = table.Column<int>(type: "int", nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    BodyRedacted = table.Column<bool>(type: "bit", nullable: false),
                    RecordCount = table.Column<int>(type: "int", nullable: false),
                    UsageRecordCount = table.Column<int>(type: "int", nullable: false),
                    Outcome = table.Column<int>(type: "int", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TelemetryBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TelemetryBatches_TelemetryConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "TelemetryConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TelemetrySeriesStates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConnectionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SeriesKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    MetricName = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    StartTimeUnixNano = table.Column<long>(type: "bigint", nullable: false),
                    LastTimeUnixNano = table.Column<long>(type: "bigint", nullable: false),
                    LastValue = table.Column<decimal>(type: "decimal(38,10)", precision: 38, scale: 10, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TelemetrySeriesStates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TelemetrySeriesStates_TelemetryConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "TelemetryConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_TenantId_Name",
                table: "ApiKeys",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_UpdatedAt",
                table: "ApiKeys",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true,
                filter: "[NormalizedName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true,
                filter: "[NormalizedUserName] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId_At",
                table: "AuditEntries",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_IngestKeys_ConnectionId",
                table: "IngestKeys",
                column: "ConnectionId");

            migrationBuilder.CreateIndex(
                name: "IX_IngestKeys_TenantId_Name",
                table: "IngestKeys",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelPrices_ModelKey_EffectiveFrom",
                table: "ModelPrices",
                columns: new[] { "ModelKey", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelPrices_TenantId_ModelKey",
                table: "ModelPrices",
                columns: new[] { "TenantId", "ModelKey" });

            migrationBuilder.CreateIndex(
                name: "IX_PriceCorrections_PriceId",
                table: "PriceCorrections",
                column: "PriceId");

            migrationBuilder.CreateIndex(
                name: "IX_PriceCorrections_ReplacedPriceId",
                table: "PriceCorrections",
                column: "ReplacedPriceId");

            migrationBuilder.CreateIndex(
                name: "IX_PriceDiscounts_TenantId_EffectiveFrom",
                table: "PriceDiscounts",
                columns: new[] { "TenantId", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_TelemetryBatches_ConnectionId_ReceivedAt",
                table: "TelemetryBatches",
                columns: new[] { "ConnectionId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TelemetryBatches_ReceivedAt",
                table: "TelemetryBatches",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TelemetryConnections_TenantId_Name",
                table: "TelemetryConnections",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_TelemetrySeriesStates_ConnectionId_SeriesKey",
                table: "TelemetrySeriesStates",
                columns: new[] { "ConnectionId", "SeriesKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TelemetrySeriesStates_UpdatedAt",
                table: "TelemetrySeriesStates",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_Name",
                table: "Tenants",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageDimensions_Name_Value",
                table: "UsageDimensions",
                columns: new[] { "Name", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_PricingStatus_Id",
                table: "UsageRecords",
                columns: new[] { "PricingStatus", "Id" },
                filter: "[PricingStatus] IN (0, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_RequestId",
                table: "UsageRecords",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_TenantId_ApiKeyId_Timestamp",
                table: "UsageRecords",
                columns: new[] { "TenantId", "ApiKeyId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_TenantId_Timestamp",
                table: "UsageRecords",
                columns: new[] { "TenantId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRecords_TenantId_UpstreamRequestId",
                table: "UsageRecords",
                columns: new[] { "TenantId", "UpstreamRequestId" });

            // The CostOfRecord step of the SQLite and PostgreSQL migrations, kept so the three sets do the same work (on a
            // new database there is nothing to update): records priced before CostSource existed take it from their price row.
            migrationBuilder.Sql("""
                UPDATE [UsageRecords] SET [CostSource] = CASE
                    WHEN EXISTS (SELECT 1 FROM [ModelPrices] p WHERE p.[Id] = [UsageRecords].[PriceId] AND p.[TenantId] IS NOT NULL) THEN 2
                    ELSE 1 END
                WHERE [PricingStatus] = 1
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "IngestKeys");

            migrationBuilder.DropTable(
                name: "PriceCorrections");

            migrationBuilder.DropTable(
                name: "PriceDiscounts");

            migrationBuilder.DropTable(
                name: "TelemetryBatches");

            migrationBuilder.DropTable(
                name: "TelemetrySeriesStates");

            migrationBuilder.DropTable(
                name: "UsageDimensions");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ModelPrices");

            migrationBuilder.DropTable(
                name: "TelemetryConnections");

            migrationBuilder.DropTable(
                name: "UsageRecords");

            migrationBuilder.DropTable(
                name: "Tenants");
        }
    }
}
