#!/usr/bin/env bash
# Client compatibility: starts the packaged service and runs clients/compat (real GraphQL clients from npm: Apollo
# Client, urql, graphql-ws, fetch as GraphQL over HTTP and as Apollo Kotlin sends it) against it, then stops it.
#
#   scripts/client-compat.sh                          build the service first (mvn package -DskipTests)
#   COMPAT_REUSE_BUILD=1 scripts/client-compat.sh     use target/quarkus-app as built (e.g. right after mvn verify)
#
# Needs Node.js 20+ and npm (the suite's packages, pinned in clients/compat/package.json, are installed into
# clients/compat/node_modules), and PostgreSQL/Redis as for scripts/dev.sh. The service runs with the dev profile
# (which allows CORS from any http://localhost port) on COMPAT_PORT (default 8096), without demo data, against a
# throw-away database of its own (COMPAT_DB_NAME, default commerce_compat, rebuilt from the migrations at each run).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPAT_DIR="$ROOT/clients/compat"
PORT="${COMPAT_PORT:-8096}"
LOG="$ROOT/target/client-compat-service.log"

log() { echo "[client-compat] $*"; }
die() { echo "[client-compat] ERROR: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node not found: install Node.js 20 or newer"
command -v npm >/dev/null 2>&1 || die "npm not found: install npm"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || die "Node.js 20 or newer is required"

if [ ! -d "$COMPAT_DIR/node_modules/@apollo/client" ]; then
  log "installing the suite's packages ..."
  (cd "$COMPAT_DIR" && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
fi

DB_NAME="${COMPAT_DB_NAME:-commerce_compat}"
REUSE_BUILD="${COMPAT_REUSE_BUILD:-0}"
# shellcheck source=lib/packaged-service.sh
source "$ROOT/scripts/lib/packaged-service.sh"
start_packaged_service

log "running the client suite against http://127.0.0.1:$PORT/graphql ..."
cd "$COMPAT_DIR"
GRAPHQL_URL="http://127.0.0.1:$PORT/graphql" node --test --test-concurrency=1 test/
