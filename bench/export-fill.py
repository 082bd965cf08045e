"""Fills a SpendOps SQLite database (already migrated, with the price catalog) with N usage records of one month.

Usage: export-fill.py DB TENANT_NAME YEAR-MONTH N

Realistic shape: five proxy keys, six models on three providers priced from the catalog the product seeded, dimensions
team and product on most calls (some calls carry none: the unattributed line), one call in twenty a telemetry estimate
with a reported cost. Plain SQL in transactions of 50,000 rows: an ORM would take longer than the export being measured.
"""
import json, random, sqlite3, sys, uuid
from datetime import datetime, timezone
from decimal import Decimal

db_path, tenant_name, month, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
tenant = db.execute("select Id from Tenants where Name = ?", (tenant_name,)).fetchone()[0]
keys = [row[0] for row in db.execute("select Id from ApiKeys where TenantId = ?", (tenant,))]
assert keys, "create the keys first"

MODELS = [("openai", "gpt-4.1"), ("openai", "gpt-4.1-mini"), ("openai", "gpt-4o"),
          ("anthropic", "claude-sonnet-4-5-20250929"), ("anthropic", "claude-haiku-4-5-20251001"), ("gemini", "gemini-2.5-flash")]
prices = {}
for provider, model in MODELS:
    row = db.execute("select Id, InputPerMTok, OutputPerMTok from ModelPrices where TenantId is null and ModelKey = ? "
                     "order by EffectiveFrom desc limit 1", (model,)).fetchone()
    if row is None:
        row = db.execute("select Id, InputPerMTok, OutputPerMTok from ModelPrices where TenantId is null and ModelKey like ? "
                         "order by EffectiveFrom desc limit 1", (f"%{model}",)).fetchone()
    assert row is not None, f"no catalog price for {model}"
    prices[model] = (row[0], Decimal(row[1]), Decimal(row[2]))

TEAMS = ["backend", "frontend", "data", "search", "platform", "mobile", "support", "research"]
PRODUCTS = ["chatbot", "search", "summaries", "agent", "internal-tools"]
year, mon = (int(x) for x in month.split("-"))
start = datetime(year, mon, 1, tzinfo=timezone.utc)
end = datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=timezone.utc)
TICKS_AT_EPOCH = 621355968000000000
span_ticks = int((end - start).total_seconds()) * 10_000_000
start_ticks = TICKS_AT_EPOCH + int(start.timestamp()) * 10_000_000
first_id = (db.execute("select coalesce(max(Id), 0) from UsageRecords").fetchone()[0] or 0) + 1

COLUMNS = ["Id", "RequestId", "UpstreamRequestId", "Timestamp", "TenantId", "ApiKeyId", "Source", "Estimated", "Superseded",
           "Provider", "Endpoint", "ModelRequested", "ModelReported", "Stream", "StatusCode", "LatencyMs", "TimeToFirstByteMs",
           "RequestBytes", "ResponseBytes", "Billable", "UsageComplete", "InputTokens", "OutputTokens", "CacheReadTokens",
           "CacheWrite5mTokens", "CacheWrite1hTokens", "ReasoningTokens", "AudioInputTokens", "AudioOutputTokens",
           "ImageInputTokens", "ImageOutputTokens", "WebSearchRequests", "ProviderCostUsd", "CostUsd", "CostSource",
           "PricingStatus", "PriceId", "PricedAt", "Dims"]
insert_record = f"insert into UsageRecords ({','.join(COLUMNS)}) values ({','.join('?' * len(COLUMNS))})"
insert_dim = "insert into UsageDimensions (UsageRecordId, Name, Value) values (?, ?, ?)"
rng = random.Random(42)
MILLION = Decimal(1_000_000)
BATCH = 50_000

def record(i):
    record_id = first_id + i
    provider, model = MODELS[rng.randrange(len(MODELS))]
    price_id, input_price, output_price = prices[model]
    input_tokens, output_tokens = rng.randint(50, 8000), rng.randint(10, 2000)
    cost = (input_tokens * input_price + output_tokens * output_price) / MILLION
    telemetry = rng.random() < 0.05
    dims = {}
    if rng.random() < 0.9:
        dims["team"] = TEAMS[rng.randrange(len(TEAMS))]
    if rng.random() < 0.8:
        dims["product"] = PRODUCTS[rng.randrange(len(PRODUCTS))]
    ticks = start_ticks + rng.randrange(span_ticks)
    row = (record_id, uuid.UUID(int=rng.getrandbits(128)).hex, f"req_{record_id}", ticks, tenant,
           None if telemetry else keys[rng.randrange(len(keys))], 1 if telemetry else 0, 1 if telemetry else 0, 0,
           provider, "messages" if provider == "anthropic" else "chat.completions", model, model, rng.random() < 0.4, 200,
           rng.uniform(200, 9000), rng.uniform(100, 900), input_tokens * 4, output_tokens * 4, 1, 1, input_tokens, output_tokens,
           0, 0, 0, 0, 0, 0, 0, 0, 0,
           f"{cost:.10f}" if telemetry else None, f"{cost:.10f}", 3 if telemetry else 1, 5 if telemetry else 1,
           None if telemetry else price_id, ticks, json.dumps(dims, separators=(",", ":")))
    return row, [(record_id, name, value) for name, value in dims.items()]

for batch_start in range(0, count, BATCH):
    records, dims = [], []
    for i in range(batch_start, min(batch_start + BATCH, count)):
        r, d = record(i)
        records.append(r)
        dims.extend(d)
    with db:
        db.executemany(insert_record, records)
        db.executemany(insert_dim, dims)
db.execute("ANALYZE")
db.close()
