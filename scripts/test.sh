#!/usr/bin/env bash
# The test command: installs prerequisites, then builds and runs every unit test (*Test, Surefire)
# and every acceptance test against real servers (*IT, Failsafe). The test kit starts the servers
# it needs and stops them when the test JVM exits (see README.md, "How tests find services").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-prerequisites.sh
./mvnw -B -ntp verify "$@"
