# Sourced by `make test`: start the services the tests use and export where they are.
# PostgreSQL: a throw-away server on 127.0.0.1 (tools/start-postgres.sh) -> MARSAD_TEST_PG.
if [ -z "${MARSAD_TEST_PG:-}" ]; then
  if pg_env="$(tools/start-postgres.sh 2>/dev/null)"; then
    eval "$pg_env"
  else
    echo "PostgreSQL could not be started; postgres tests will skip (or fail under MARSAD_REQUIRE_PG=1)" >&2
  fi
fi
if [ -z "${MARSAD_CHROMIUM:-}" ] && command -v chromium >/dev/null 2>&1; then
  export MARSAD_CHROMIUM="$(command -v chromium)"
fi
mkdir -p artifacts
export MARSAD_ARTIFACTS="${MARSAD_ARTIFACTS:-$PWD/artifacts}"
