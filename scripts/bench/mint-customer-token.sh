#!/usr/bin/env bash
# Prints a customer bearer token (RS256 JWT) signed with the dev private key, for load tests only.
# Claims: iss, sub <customer id>, groups ["customer"], iat = now, exp = now + lifetime.
#
# Usage: mint-customer-token.sh [CUSTOMER_ID]     (default: bench-customer)
# Environment: JWT_SIGNING_KEY [<project>/.dev-keys/private-key.pem]
#              JWT_ISSUER [https://commerce-gateway.local]   TOKEN_LIFETIME_SECONDS [86400]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KEY="${JWT_SIGNING_KEY:-$ROOT/.dev-keys/private-key.pem}"
ISSUER="${JWT_ISSUER:-https://commerce-gateway.local}"
LIFETIME="${TOKEN_LIFETIME_SECONDS:-86400}"
SUBJECT="${1:-bench-customer}"

[ -r "$KEY" ] || { echo "mint-customer-token: cannot read $KEY (run scripts/dev-keys.sh)" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now="$(date +%s)"
header='{"alg":"RS256","typ":"JWT"}'
payload="$(printf '{"iss":"%s","sub":"%s","groups":["customer"],"iat":%d,"exp":%d}' "$ISSUER" "$SUBJECT" "$now" "$((now + LIFETIME))")"
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$KEY" -binary | b64url)"
printf '%s.%s\n' "$signing_input" "$signature"
