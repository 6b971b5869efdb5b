#!/usr/bin/env bash
# Starts PostgreSQL/Redis (scripts/services.sh), creates dev JWT keys
# (scripts/dev-keys.sh), builds the gateway and runs it with the dev profile: demo data, GraphQL UI, dev keys.
# Extra arguments are passed to the JVM, e.g. scripts/dev.sh -Dquarkus.http.port=8081
#
# It runs the packaged service rather than `mvn quarkus:dev`: live coding needs Maven 3.9+ and the Dev UI
# artifacts, which a Maven 3.8 machine cannot count on; the dev profile is the same either way.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "[dev] ERROR: $*" >&2; exit 1; }

# shellcheck source=scripts/lib/prerequisites.sh
source "$ROOT/scripts/lib/prerequisites.sh"

check_prerequisites
bash "$ROOT/scripts/services.sh"
bash "$ROOT/scripts/dev-keys.sh"

port="${QUARKUS_HTTP_PORT:-8080}"
cat <<INFO

Building and starting the service with the dev profile. Once it is up:
  GraphQL endpoint: http://localhost:$port/graphql
  GraphQL UI:       http://localhost:$port/q/graphql-ui
  Health:           http://localhost:$port/q/health

INFO

cd "$ROOT"
mvn -B -q -DskipTests package
exec java -Dquarkus.profile=dev "$@" -jar target/quarkus-app/quarkus-run.jar
