#!/usr/bin/env bash
# GraphQL over HTTP conformance: starts the packaged service, runs the graphql-http server audit against it
# (scripts/graphql-http-audit/audit.mjs) and stops it. Fails when a MUST or SHOULD audit fails, or when a query
# chosen by operationName over GET is not answered; prints every result.
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
LOG="$ROOT/target/graphql-http-audit-service.log"

log() { echo "[graphql-http-audit] $*"; }
die() { echo "[graphql-http-audit] ERROR: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node not found: install Node.js 18 or newer"
command -v npm >/dev/null 2>&1 || die "npm not found: install npm"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] || die "Node.js 18 or newer is required (global fetch)"

if [ ! -d "$AUDIT_DIR/node_modules/graphql-http" ]; then
  log "installing the audit's packages ..."
  (cd "$AUDIT_DIR" && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
fi

DB_NAME="${AUDIT_DB_NAME:-commerce_audit}"
REUSE_BUILD="${AUDIT_REUSE_BUILD:-0}"
# shellcheck source=lib/packaged-service.sh
source "$ROOT/scripts/lib/packaged-service.sh"
start_packaged_service

log "auditing $URL ..."
node "$AUDIT_DIR/audit.mjs" "$URL"
