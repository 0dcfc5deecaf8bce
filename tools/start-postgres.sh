#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the test suite on 127.0.0.1 and print its URL.
# Installs Debian's postgresql package when no server binaries are found (needs root + apt).
# Usage: eval "$(tools/start-postgres.sh)"   -> exports MARSAD_TEST_PG
set -euo pipefail
PORT="${MARSAD_PG_PORT:-55432}"
DATA="${MARSAD_PG_DIR:-/tmp/marsad-pg}"

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  echo "installing postgresql (Debian package)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi

RUNAS=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  RUNAS=(runuser -u postgres --)
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" = "0" ] && chown postgres "$DATA"
  "${RUNAS[@]}" "$BIN/initdb" -D "$DATA" -U marsad --auth=trust -E UTF8 >/dev/null
fi
if ! "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp" start >&2
fi
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U marsad marsad_test 2>/dev/null || true
echo "export MARSAD_TEST_PG=postgresql+psycopg://marsad@127.0.0.1:$PORT/marsad_test"
