#!/usr/bin/env bash
# Makes PostgreSQL and Redis available for local development and tests.
#
# Idempotent: reuses servers that already answer, starts installed-but-stopped
# local servers, and (as root or with password-less sudo, and unless
# INSTALL_SERVICES=no) installs missing packages with apt-get.
# Creates the databases "commerce" (dev) and "commerce_test" (tests) if missing.
#
# Environment (defaults in brackets):
#   DB_HOST [127.0.0.1]  DB_PORT [5432]  DB_USER [postgres]  DB_PASSWORD []
#   REDIS_HOST [127.0.0.1]  REDIS_PORT [6379]
#   INSTALL_SERVICES [yes]  set to "no" to forbid apt-get installs
#   SERVICES_WAIT_SECONDS [30]  how long to wait for a server to become ready
set -euo pipefail

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-postgres}"
DB_PASSWORD="${DB_PASSWORD:-}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${REDIS_PORT:-6379}"
INSTALL_SERVICES="${INSTALL_SERVICES:-yes}"

DATABASES=(commerce commerce_test)
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-30}"

log() { echo "[services] $*"; }
die() { echo "[services] ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers ---

is_root() { [ "$(id -u)" -eq 0 ]; }
has_sudo() { command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; }

# Runs a command with root privileges (directly or via password-less sudo).
as_root() {
  if is_root; then
    "$@"
  elif has_sudo; then
    sudo -n "$@"
  else
    "$@" # last resort: maybe the current user has enough rights
  fi
}

# Runs a command as the "postgres" OS user (for peer authentication).
as_postgres() {
  if is_root; then
    if command -v runuser >/dev/null 2>&1; then
      (cd / && runuser -u postgres -- "$@")
    else
      (cd / && su postgres -s /bin/bash -c "$(printf '%q ' "$@")")
    fi
  elif has_sudo; then
    (cd / && sudo -n -u postgres -- "$@")
  else
    die "need root or password-less sudo to run '$1' as the postgres OS user"
  fi
}

# Why installing is impossible (empty output = installing is allowed).
install_blocker() {
  if [ "$INSTALL_SERVICES" = "no" ]; then
    echo "INSTALL_SERVICES=no"
  elif ! command -v apt-get >/dev/null 2>&1; then
    echo "apt-get is not available"
  elif ! is_root && ! has_sudo; then
    echo "not running as root and password-less sudo is not available"
  fi
}

APT_UPDATED=""
apt_install() {
  log "installing $* with apt-get ..."
  if [ -z "$APT_UPDATED" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    --no-install-recommends "$@" >/dev/null
}

# ensure_command <command> <apt package>
ensure_command() {
  local cmd="$1" pkg="$2" blocker
  command -v "$cmd" >/dev/null 2>&1 && return 0
  blocker="$(install_blocker)"
  if [ -n "$blocker" ]; then
    die "'$cmd' is missing and cannot be installed automatically ($blocker). Install the '$pkg' package (e.g. 'sudo apt-get install $pkg') and re-run."
  fi
  apt_install "$pkg"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' still missing after installing '$pkg'"
}

is_local_host() {
  case "$1" in
    127.*|localhost|::1|"[::1]"|/*) return 0 ;;
    *) return 1 ;;
  esac
}

# ------------------------------------------------------------- PostgreSQL ---

# psql over TCP as DB_USER against the "postgres" database; SQL from args/stdin.
psql_tcp() {
  PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=5 \
    psql -X -q -A -t -v ON_ERROR_STOP=1 \
    -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres "$@"
}

# psql over the local socket as the postgres OS user (peer auth).
psql_local_superuser() {
  as_postgres psql -X -q -A -t -v ON_ERROR_STOP=1 -p "$DB_PORT" -d postgres "$@"
}

# 0 = accepting, 1 = answering but not ready (starting), 2/3 = no answer.
pg_state() {
  local rc=0
  pg_isready -q -h "$DB_HOST" -p "$DB_PORT" -t 3 >/dev/null 2>&1 || rc=$?
  echo "$rc"
}

pg_answers() { [ "$(pg_state)" -le 1 ]; }

wait_for_pg() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  while :; do
    [ "$(pg_state)" -eq 0 ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 1
  done
}

# Prints "<version> <cluster>" of the local cluster configured for DB_PORT.
find_local_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters -h 2>/dev/null | awk -v port="$DB_PORT" '$3 == port { print $1, $2; exit }'
}

newest_installed_pg_version() {
  local dir
  for dir in /usr/lib/postgresql/*/bin/postgres; do
    if [ -x "$dir" ]; then basename "$(dirname "$(dirname "$dir")")"; fi
  done | sort -V | tail -n 1
}

PG_ACTION="reusing"
PG_CLUSTER="" # "<version>/<name>" when this script started a local cluster
PG_FRESH="" # set when this script installed/created the cluster

start_local_pg() {
  local blocker cluster version name
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    blocker="$(install_blocker)"
    if [ -n "$blocker" ]; then
      die "PostgreSQL does not answer on $DB_HOST:$DB_PORT and the server is not installed; cannot install it ($blocker). Install and start PostgreSQL 15+ (package 'postgresql') listening on $DB_HOST:$DB_PORT, or point DB_HOST/DB_PORT at a running server."
    fi
    apt_install postgresql
    command -v pg_ctlcluster >/dev/null 2>&1 || die "pg_ctlcluster missing after installing postgresql"
    PG_ACTION="installed and started"
    PG_FRESH=1
    # the package may already have created and started a cluster
    if pg_answers; then
      PG_CLUSTER="$(find_local_cluster | tr ' ' /)"
      return 0
    fi
  fi

  cluster="$(find_local_cluster)"
  if [ -z "$cluster" ]; then
    if [ -n "$(pg_lsclusters -h 2>/dev/null)" ] && [ -z "$PG_FRESH" ]; then
      die "local PostgreSQL clusters exist but none is configured for port $DB_PORT (see 'pg_lsclusters'). Set DB_PORT to a cluster's port or change its port in /etc/postgresql/<version>/<cluster>/postgresql.conf."
    fi
    version="$(newest_installed_pg_version)"
    [ -n "$version" ] || die "no PostgreSQL server binaries found under /usr/lib/postgresql; install the 'postgresql' package"
    if [ -e "/etc/postgresql/$version/main" ]; then
      die "cluster $version/main exists but is not configured for port $DB_PORT (see 'pg_lsclusters'); set DB_PORT accordingly"
    fi
    log "creating PostgreSQL cluster $version/main on port $DB_PORT ..."
    as_root pg_createcluster --port "$DB_PORT" "$version" main >/dev/null
    PG_FRESH=1
    [ "$PG_ACTION" = "reusing" ] && PG_ACTION="created and started"
    cluster="$version main"
  fi

  read -r version name <<<"$cluster"
  PG_CLUSTER="$version/$name"
  [ "$PG_ACTION" = "reusing" ] && PG_ACTION="started"
  log "starting PostgreSQL cluster $version/$name ..."
  if ! as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start; then
    pg_answers || die "could not start PostgreSQL cluster $version/$name (see /var/log/postgresql/postgresql-$version-$name.log)"
  fi
}

sql_ident() { printf '"%s"' "${1//\"/\"\"}"; }
sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

# Only for a cluster this script installed/created: make TCP logins from
# loopback work for DB_USER (Debian defaults to peer/scram-sha-256).
fix_fresh_cluster_auth() {
  local err hba
  if err="$(psql_tcp -c 'select 1' 2>&1 >/dev/null)"; then return 0; fi
  log "configuring loopback access for '$DB_USER' on the new cluster ..."
  if [ "$DB_USER" != "postgres" ]; then
    if [ -z "$(psql_local_superuser -c "select 1 from pg_roles where rolname = $(sql_literal "$DB_USER")")" ]; then
      echo "CREATE ROLE $(sql_ident "$DB_USER") LOGIN CREATEDB;" | psql_local_superuser
    fi
  fi
  if [ -n "$DB_PASSWORD" ]; then
    echo "ALTER ROLE $(sql_ident "$DB_USER") PASSWORD $(sql_literal "$DB_PASSWORD");" | psql_local_superuser
  else
    hba="$(psql_local_superuser -c 'show hba_file')"
    if ! as_root grep -q "^host all $DB_USER 127.0.0.1/32 trust" "$hba"; then
      local tmp
      tmp="$(mktemp)"
      {
        echo "# added by scripts/services.sh (dev only): password-less loopback TCP for $DB_USER"
        echo "host all $DB_USER 127.0.0.1/32 trust"
        echo "host all $DB_USER ::1/128 trust"
        as_root cat "$hba"
      } >"$tmp"
      as_root cp "$tmp" "$hba" # cp keeps the owner/mode of the existing file
      rm -f "$tmp"
    fi
  fi
  psql_local_superuser -c 'select pg_reload_conf()' >/dev/null
  sleep 1
  err="$(psql_tcp -c 'select 1' 2>&1 >/dev/null)" ||
    die "still cannot log in to PostgreSQL at $DB_HOST:$DB_PORT as '$DB_USER': $err"
}

ensure_database() {
  local db="$1" exists err
  exists="$(psql_tcp -c "select 1 from pg_database where datname = $(sql_literal "$db")")"
  [ "$exists" = "1" ] && return 0
  log "creating database $db ..."
  if ! err="$(echo "CREATE DATABASE $(sql_ident "$db");" | psql_tcp 2>&1)"; then
    # tolerate a concurrent run having created it meanwhile
    exists="$(psql_tcp -c "select 1 from pg_database where datname = $(sql_literal "$db")")"
    [ "$exists" = "1" ] || die "could not create database '$db' as '$DB_USER': $err (the role needs CREATEDB)"
  fi
}

ensure_postgres() {
  local err
  if ! pg_answers; then
    if is_local_host "$DB_HOST"; then
      start_local_pg
    else
      log "waiting for PostgreSQL at $DB_HOST:$DB_PORT (remote hosts are never started/installed here) ..."
    fi
  fi
  wait_for_pg || die "PostgreSQL at $DB_HOST:$DB_PORT is not accepting connections after ${WAIT_SECONDS}s. Make sure a PostgreSQL server runs there (or unset DB_HOST to use a local one)."

  [ -n "$PG_FRESH" ] && fix_fresh_cluster_auth
  if ! err="$(psql_tcp -c 'select 1' 2>&1 >/dev/null)"; then
    die "PostgreSQL at $DB_HOST:$DB_PORT answers but login as '$DB_USER' failed: $err (set DB_USER/DB_PASSWORD, or allow trust auth for this user in pg_hba.conf)"
  fi

  local db
  for db in "${DATABASES[@]}"; do ensure_database "$db"; done
  local list
  list="$(printf '%s, ' "${DATABASES[@]}")"
  echo "PostgreSQL: $PG_ACTION ${PG_CLUSTER:+cluster $PG_CLUSTER at }$DB_HOST:$DB_PORT (databases ${list%, } ready)"
}

# ------------------------------------------------------------------ Redis ---

redis_reply() { timeout 5 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null || true; }

wait_for_redis() {
  local deadline=$((SECONDS + WAIT_SECONDS))
  while :; do
    [ "$(redis_reply)" = "PONG" ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 1
  done
}

ensure_redis() {
  local reply action="reusing" note="" blocker bind
  reply="$(redis_reply)"
  if [ "$reply" != "PONG" ]; then
    if [ -n "$reply" ]; then
      die "something answers on $REDIS_HOST:$REDIS_PORT but not with PONG: '$reply' (password-protected Redis is not supported by this script)"
    fi
    if ! is_local_host "$REDIS_HOST"; then
      log "waiting for Redis at $REDIS_HOST:$REDIS_PORT (remote hosts are never started/installed here) ..."
      wait_for_redis || die "Redis at $REDIS_HOST:$REDIS_PORT does not answer PING after ${WAIT_SECONDS}s. Make sure a Redis server runs there."
    else
      if ! command -v redis-server >/dev/null 2>&1; then
        blocker="$(install_blocker)"
        if [ -n "$blocker" ]; then
          die "Redis does not answer on $REDIS_HOST:$REDIS_PORT and redis-server is not installed; cannot install it ($blocker). Install and start Redis 7 (package 'redis-server') on $REDIS_HOST:$REDIS_PORT."
        fi
        apt_install redis-server
        action="installed and started"
        # the package may already have started a server on the default port
        sleep 1
      fi
      if [ "$(redis_reply)" != "PONG" ]; then
        [ "$action" = "reusing" ] && action="started"
        bind="127.0.0.1"
        case "$REDIS_HOST" in ::1|"[::1]") bind="127.0.0.1 ::1" ;; esac
        log "starting redis-server on port $REDIS_PORT (dev only, no persistence) ..."
        # shellcheck disable=SC2086 # $bind is intentionally split
        redis-server --daemonize yes --bind $bind --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
        note=" (dev only: no persistence; production needs AOF, appendonly yes)"
      fi
      wait_for_redis || die "Redis did not answer PING on $REDIS_HOST:$REDIS_PORT after ${WAIT_SECONDS}s"
    fi
  fi
  echo "Redis: $action $REDIS_HOST:$REDIS_PORT$note"
}

# ------------------------------------------------------------------- main ---

ensure_command psql postgresql-client
ensure_command pg_isready postgresql-client
ensure_command redis-cli redis-tools
ensure_command timeout coreutils

ensure_postgres
ensure_redis
