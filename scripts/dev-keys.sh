#!/usr/bin/env bash
# Creates (if missing) the RSA 2048 key pair used to sign/verify JWTs in DEV
# AND TESTS ONLY:
#   .dev-keys/private-key.pem  PKCS#8 PEM, mode 600
#   .dev-keys/public-key.pem   SubjectPublicKeyInfo PEM
# Never use these keys in production. Idempotent; works from any directory.
#
# Environment: INSTALL_SERVICES [yes]  set to "no" to forbid installing openssl
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEY_DIR="$ROOT/.dev-keys"
PRIVATE_KEY="$KEY_DIR/private-key.pem"
PUBLIC_KEY="$KEY_DIR/public-key.pem"
INSTALL_SERVICES="${INSTALL_SERVICES:-yes}"

log() { echo "[dev-keys] $*"; }
die() { echo "[dev-keys] ERROR: $*" >&2; exit 1; }

ensure_openssl() {
  command -v openssl >/dev/null 2>&1 && return 0
  local sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
      sudo_cmd=(sudo -n)
    else
      die "openssl is missing and cannot be installed (not root, no password-less sudo). Install the 'openssl' package and re-run."
    fi
  fi
  [ "$INSTALL_SERVICES" != "no" ] || die "openssl is missing and INSTALL_SERVICES=no. Install the 'openssl' package and re-run."
  command -v apt-get >/dev/null 2>&1 || die "openssl is missing and apt-get is not available. Install openssl and re-run."
  log "installing openssl with apt-get ..."
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssl >/dev/null
  command -v openssl >/dev/null 2>&1 || die "openssl still missing after installation"
}

ensure_openssl
umask 077
mkdir -p "$KEY_DIR"

created=""
if [ ! -s "$PRIVATE_KEY" ]; then
  log "generating RSA 2048 private key (dev/test only) ..."
  tmp="$(mktemp "$KEY_DIR/.private-key.XXXXXX")"
  trap 'rm -f "$tmp"' EXIT
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp" 2>/dev/null
  mv "$tmp" "$PRIVATE_KEY"
  trap - EXIT
  rm -f "$PUBLIC_KEY" # any old public key belongs to another private key
  created=1
fi
chmod 600 "$PRIVATE_KEY"

openssl pkey -in "$PRIVATE_KEY" -noout 2>/dev/null ||
  die "$PRIVATE_KEY is not a readable private key; delete it and re-run to regenerate"

# (Re)derive the public key when missing or not matching the private key.
derived="$(openssl pkey -in "$PRIVATE_KEY" -pubout)"
if [ ! -s "$PUBLIC_KEY" ] || [ "$(cat "$PUBLIC_KEY")" != "$derived" ]; then
  printf '%s\n' "$derived" >"$PUBLIC_KEY"
  chmod 644 "$PUBLIC_KEY"
  [ -n "$created" ] || created="public"
fi

if [ "$created" = "1" ]; then
  echo "Dev keys: created $PRIVATE_KEY and $PUBLIC_KEY (dev/test only)"
elif [ "$created" = "public" ]; then
  echo "Dev keys: reusing $PRIVATE_KEY, re-derived $PUBLIC_KEY (dev/test only)"
else
  echo "Dev keys: reusing $PRIVATE_KEY and $PUBLIC_KEY (dev/test only)"
fi
