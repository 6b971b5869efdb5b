#!/usr/bin/env bash
# Starts PostgreSQL/Redis (scripts/services.sh), creates dev/test JWT keys
# (scripts/dev-keys.sh) and runs the full build with tests (mvn verify).
# Extra arguments are passed to Maven, e.g. scripts/test.sh -Dtest=SomeTest
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "[test] ERROR: $*" >&2; exit 1; }

# shellcheck source=scripts/lib/prerequisites.sh
source "$ROOT/scripts/lib/prerequisites.sh"

check_prerequisites
bash "$ROOT/scripts/services.sh"
bash "$ROOT/scripts/dev-keys.sh"

cd "$ROOT"
exec mvn -B verify "$@"
