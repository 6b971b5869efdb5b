#!/usr/bin/env bash
# Prints a kiosk bearer token (RS256 JWT) signed with the dev private key, for load tests only.
# Claims: iss, sub "kiosk-device:<name>", groups ["kiosk"], store_id = global id of Location:<store db id>,
# iat = now, exp = now + lifetime.
#
# Usage: mint-kiosk-token.sh [STORE_DB_ID] [DEVICE_NAME]     (defaults: 1 = "Berlin Mitte" in the demo data, bench)
# Environment: JWT_SIGNING_KEY [<project>/.dev-keys/private-key.pem]
#              JWT_ISSUER [https://commerce-gateway.local]   TOKEN_LIFETIME_SECONDS [86400]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KEY="${JWT_SIGNING_KEY:-$ROOT/.dev-keys/private-key.pem}"
ISSUER="${JWT_ISSUER:-https://commerce-gateway.local}"
LIFETIME="${TOKEN_LIFETIME_SECONDS:-86400}"
STORE_DB_ID="${1:-1}"
DEVICE="${2:-bench}"

[ -r "$KEY" ] || { echo "mint-kiosk-token: cannot read $KEY (run scripts/dev-keys.sh)" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now="$(date +%s)"
store_id="$(printf 'Location:%s' "$STORE_DB_ID" | b64url)"
header='{"alg":"RS256","typ":"JWT"}'
payload="$(printf '{"iss":"%s","sub":"kiosk-device:%s","groups":["kiosk"],"store_id":"%s","iat":%d,"exp":%d}' \
  "$ISSUER" "$DEVICE" "$store_id" "$now" "$((now + LIFETIME))")"
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$KEY" -binary | b64url)"
printf '%s.%s\n' "$signing_input" "$signature"
