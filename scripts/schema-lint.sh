#!/usr/bin/env bash
# Lints the committed SDL (graphql-schema/schema.graphql) with graphql-schema-linter and its default rules: every
# type, field, argument, input field and enum value has a description, names follow the conventions, ... Fails on
# any finding. Needs Node.js 18+ and npm (the pinned linter is installed into scripts/schema-lint/node_modules).
#
# No rule is disabled. Two schema members are exempt from one rule, defined-types-are-used:
#   BigDecimal: the GraphQL engine always declares its BigDecimal scalar, although no field of this schema uses it;
#   it cannot be left out of the served schema.
#   ErrorCode: lists the codes of top-level errors (errors[].extensions.code) for clients; no field returns it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINT_DIR="$ROOT/scripts/schema-lint"
if [ ! -x "$LINT_DIR/node_modules/.bin/graphql-schema-linter" ]; then
  echo "[schema-lint] installing graphql-schema-linter ..."
  (cd "$LINT_DIR" && npm install --no-package-lock --no-audit --no-fund --loglevel=error)
fi
"$LINT_DIR/node_modules/.bin/graphql-schema-linter" --format compact \
  --ignore '{"defined-types-are-used":["BigDecimal","ErrorCode"]}' \
  "$ROOT/graphql-schema/schema.graphql"
echo "[schema-lint] graphql-schema/schema.graphql: no findings"
