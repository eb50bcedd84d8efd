#!/usr/bin/env bash
# The container's health: GET /health/ready of the daemon's HTTP endpoint, healthy on 200 only.
# eclipse-temurin:17-jre has neither curl nor wget for sure (newer images dropped curl), so this
# speaks HTTP/1.0 through bash's /dev/tcp. SYNCLINE_HTTP_PORT: the port of http.address (default
# 9464); SYNCLINE_HTTP_TOKEN: the bearer token, when http.token is set.
set -u
port="${SYNCLINE_HTTP_PORT:-9464}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
auth=""
if [ -n "${SYNCLINE_HTTP_TOKEN:-}" ]; then
  auth="Authorization: Bearer ${SYNCLINE_HTTP_TOKEN}"$'\r\n'
fi
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n%s\r\n' "$auth" >&3
read -r -t 5 status_line <&3 || exit 1
exec 3<&-
case "$status_line" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) echo "not ready: ${status_line}"; exit 1 ;;
esac
