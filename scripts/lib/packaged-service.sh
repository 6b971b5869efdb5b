#!/usr/bin/env bash
# Shared by scripts/graphql-http-audit.sh and scripts/client-compat.sh: starts the packaged service (dev profile,
# no demo data) on PORT against a throw-away database of its own (DB_NAME, rebuilt from the migrations), waits
# until it is ready and stops it when the sourcing script exits. Expects ROOT, PORT, DB_NAME, LOG, log() and die().

start_packaged_service() {
  local jar="$ROOT/target/quarkus-app/quarkus-run.jar"
  bash "$ROOT/scripts/services.sh"
  bash "$ROOT/scripts/dev-keys.sh"

  export DB_NAME
  export PGPASSWORD="${DB_PASSWORD:-}"
  local pg=(-h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}")
  if [ "$(psql "${pg[@]}" -d postgres -X -q -A -t -c "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]; then
    log "creating database $DB_NAME ..."
    createdb "${pg[@]}" "$DB_NAME"
  fi

  cd "$ROOT"
  if [ "${REUSE_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
    log "building the service ..."
    mvn -B -q package -DskipTests
  fi

  if curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/live"; then
    die "port $PORT is already in use; choose another port"
  fi

  mkdir -p "$ROOT/target"
  log "starting the service on port $PORT (log: $LOG) ..."
  java -Dquarkus.profile=dev -Dquarkus.http.port="$PORT" -Dapp.demo-data.enabled=false \
    -Dquarkus.flyway.clean-disabled=false -Dquarkus.flyway.clean-at-start=true -jar "$jar" >"$LOG" 2>&1 &
  SERVICE_PID=$!
  trap stop_packaged_service EXIT

  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; then
      return 0
    fi
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -n 40 "$LOG" >&2; die "the service stopped during start-up"; }
    sleep 1
  done
  tail -n 40 "$LOG" >&2
  die "the service did not become ready"
}

stop_packaged_service() {
  if [ -n "${SERVICE_PID:-}" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
}
