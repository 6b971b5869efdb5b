#!/usr/bin/env bash
# The TypeScript package (clients/typescript): generates the types and typed documents of every client's committed
# operations from the committed SDL with GraphQL Code Generator, then type-checks them and the examples with tsc.
# Fails when an operation does not fit the schema or a generated type no longer fits the code that uses it.
# Needs Node.js 18+ and npm; the pinned packages are installed into clients/typescript/node_modules.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../clients/typescript" && pwd)"
cd "$DIR"
if [ ! -d node_modules/@graphql-codegen/cli ] || [ ! -d node_modules/typescript ]; then
  echo "[client-types] installing the pinned packages ..."
  npm install --no-package-lock --no-audit --no-fund --loglevel=error
fi
rm -rf src/generated
npm run --silent generate -- --silent
npm run --silent typecheck
echo "[client-types] generated and type-checked: $(ls src/generated | tr '\n' ' ')"
