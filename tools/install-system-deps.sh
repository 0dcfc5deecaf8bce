#!/usr/bin/env bash
# Install what the test suite needs beyond Python, from Debian's packages, when missing:
# PostgreSQL (store tests), Chromium (browser tests), Java (Spark), Arabic fonts (screenshots).
# Without root or apt it only reports what is missing; the tests that need it then skip
# (or fail, under CI's MARSAD_REQUIRE_* settings).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
fc-list 2>/dev/null | grep -qi "noto.*arabic\|dejavu" || need+=(fonts-noto-core fonts-dejavu-core)
if [ ${#need[@]} -eq 0 ]; then
  echo "system deps present"
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "missing system packages (install them with apt as root): ${need[*]}" >&2
  exit 0
fi
echo "installing: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}"
