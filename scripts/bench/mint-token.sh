#!/usr/bin/env bash
# Prints a bearer token (RS256 JWT) signed with the dev private key, for load tests only.
#
# Usage: mint-token.sh kiosk [STORE_DB_ID] [DEVICE_NAME]   sub "kiosk-device:<name>", groups ["kiosk"], store_id =
#                                                           global id of Location:<store db id> (defaults: 1 =
#                                                           "Berlin Mitte" in the demo data, bench)
#        mint-token.sh customer [CUSTOMER_ID]              sub <customer id>, groups ["customer"] (default: bench-customer)
#        mint-token.sh integration [NAME]                  sub "integration:<name>", groups ["integration"] (a POS or WMS)
# All carry iss, iat = now and exp = now + lifetime.
# Environment: JWT_SIGNING_KEY [<project>/.dev-keys/private-key.pem]
#              JWT_ISSUER [https://commerce-gateway.local]   TOKEN_LIFETIME_SECONDS [86400]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KEY="${JWT_SIGNING_KEY:-$ROOT/.dev-keys/private-key.pem}"
ISSUER="${JWT_ISSUER:-https://commerce-gateway.local}"
LIFETIME="${TOKEN_LIFETIME_SECONDS:-86400}"

[ -r "$KEY" ] || { echo "mint-token: cannot read $KEY (run scripts/dev-keys.sh)" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

now="$(date +%s)"
case "${1:-}" in
  kiosk)
    store_id="$(printf 'Location:%s' "${2:-1}" | b64url)"
    claims="$(printf '"sub":"kiosk-device:%s","groups":["kiosk"],"store_id":"%s"' "${3:-bench}" "$store_id")" ;;
  customer)
    claims="$(printf '"sub":"%s","groups":["customer"]' "${2:-bench-customer}")" ;;
  integration)
    claims="$(printf '"sub":"integration:%s","groups":["integration"]' "${2:-bench-wms}")" ;;
  *) echo "usage: mint-token.sh kiosk [STORE_DB_ID] [DEVICE_NAME] | customer [CUSTOMER_ID] | integration [NAME]" >&2; exit 1 ;;
esac
header='{"alg":"RS256","typ":"JWT"}'
payload="$(printf '{"iss":"%s",%s,"iat":%d,"exp":%d}' "$ISSUER" "$claims" "$now" "$((now + LIFETIME))")"
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$KEY" -binary | b64url)"
printf '%s.%s\n' "$signing_input" "$signature"
