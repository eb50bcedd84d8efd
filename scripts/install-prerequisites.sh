#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine needs to build Syncline and run its tests without
# Docker: JDK 17, the PostgreSQL server binaries, Node.js + npm (for the ClickHouse engine), the
# util-linux tools the test kit uses to run servers as unprivileged users, and Chromium with its
# driver (StatusPageIT opens the daemon's status page in headless Chromium). Maven itself comes
# through ./mvnw, the Elasticsearch distribution and the chdb package through Maven and npm.
# Idempotent: installs only what is missing.
set -euo pipefail

missing=()
have() { command -v "$1" >/dev/null 2>&1; }

have java && java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])' || missing+=(openjdk-17-jdk-headless)
have javac || missing+=(openjdk-17-jdk-headless)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
have node || missing+=(nodejs)
have npm || missing+=(npm)
have setpriv || missing+=(util-linux)
have curl || missing+=(curl)
have chromium || missing+=(chromium)
have chromedriver || missing+=(chromium-driver)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]} (run this script as root, or install them)" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "prerequisites: java $(java -version 2>&1 | head -1 | cut -d'"' -f2), postgres $(ls /usr/lib/postgresql | sort -n | tail -1), node $(node --version), $(chromium --version 2>/dev/null | head -1)"
