#!/usr/bin/env bash
# GraphQL over HTTP conformance: starts the packaged service, runs the graphql-http server audit against it
# (scripts/graphql-http-audit/audit.mjs) and stops it. Fails when a MUST audit fails; prints every result.
#
#   scripts/graphql-http-audit.sh            build the service first (mvn package -DskipTests)
#   AUDIT_REUSE_BUILD=1 scripts/graphql-http-audit.sh   use target/quarkus-app as built (e.g. right after mvn verify)
#
# Needs Node.js 18+ and npm (the audit's two packages are installed into scripts/graphql-http-audit/node_modules),
# and PostgreSQL/Redis as for scripts/dev.sh. The service runs with the dev profile on AUDIT_PORT (default 8095),
# without demo data, against a throw-away database of its own (AUDIT_DB_NAME, default commerce_audit, rebuilt from
# the migrations at each run); the audit only sends { __typename } style queries.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AUDIT_DIR="$ROOT/scripts/graphql-http-audit"
PORT="${AUDIT_PORT:-8095}"
URL="http://127.0.0.1:$PORT/graphql"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
LOG="$ROOT/target/graphql-http-audit-service.log"

log() { echo "[graphql-http-audit] $*"; }
die() { echo "[graphql-http-audit] ERROR: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node not found: install Node.js 18 or newer"
command -v npm >/dev/null 2>&1 || die "npm not found: install npm"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] || die "Node.js 18 or newer is required (global fetch)"

bash "$ROOT/scripts/services.sh"
bash "$ROOT/scripts/dev-keys.sh"

export DB_NAME="${AUDIT_DB_NAME:-commerce_audit}"
export PGPASSWORD="${DB_PASSWORD:-}"
pg=(-h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}")
if [ "$(psql "${pg[@]}" -d postgres -X -q -A -t -c "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]; then
  log "creating database $DB_NAME ..."
  createdb "${pg[@]}" "$DB_NAME"
fi

cd "$ROOT"
if [ "${AUDIT_REUSE_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  log "building the service ..."
  mvn -B -q package -DskipTests
fi

if [ ! -d "$AUDIT_DIR/node_modules/graphql-http" ]; then
  log "installing the audit's packages ..."
  (cd "$AUDIT_DIR" && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
fi

if curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/live"; then
  die "port $PORT is already in use; set AUDIT_PORT"
fi

mkdir -p "$ROOT/target"
log "starting the service on port $PORT (log: $LOG) ..."
java -Dquarkus.profile=dev -Dquarkus.http.port="$PORT" -Dapp.demo-data.enabled=false \
  -Dquarkus.flyway.clean-disabled=false -Dquarkus.flyway.clean-at-start=true -jar "$JAR" >"$LOG" 2>&1 &
SERVICE_PID=$!
stop_service() {
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
}
trap stop_service EXIT

for _ in $(seq 1 120); do
  if curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; then
    break
  fi
  kill -0 "$SERVICE_PID" 2>/dev/null || { tail -n 40 "$LOG" >&2; die "the service stopped during start-up"; }
  sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" || { tail -n 40 "$LOG" >&2; die "the service did not become ready"; }

log "auditing $URL ..."
node "$AUDIT_DIR/audit.mjs" "$URL"
