#!/usr/bin/env bash
# Soak (issue 13 item 7): mixed traffic at 16 keep-alive connections (ARM group GET, subscription
# list, token issuance) plus a burst of 2,000 TLS connections every 30 s, for
# SOAK_SECONDS (default 3600; CI runs 120). Samples RSS and open fds every 10 s and reports req/s,
# p99, 5xx count and the samples. Exits non-zero if any 5xx or socket error happened, if azemu died,
# or if RSS does not come back under 2x idle + 20 MB once the traffic stops.
# Needs: build/bin/azemu, wrk, python3, curl (the setup script installs them).
set -uo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
source "$BENCH/../tests/e2e/lib.sh"
SECONDS_TOTAL=${SOAK_SECONDS:-3600}
WORK=$(mktemp -d /tmp/azemu-soak-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
command -v wrk > /dev/null || { echo "soak needs wrk (apt-get install wrk)" >&2; exit 1; }
trap 'kill $WRK_PID $BURST_PID 2> /dev/null; stop_azemu' EXIT

AZEMU_LOG_LEVEL=warn AZEMU_START_ARGS="--vm-runtime guestless" start_azemu "$DATA" "$PORT" || exit 1
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"
CURL=(curl -sf --noproxy '*' --cacert "$DATA/ca.pem")
TOKEN=$(sp_token "https://management.core.windows.net//.default")
SUB=/subscriptions/$AZEMU_SUBSCRIPTION_ID
"${CURL[@]}" -X PUT -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"location":"westus"}' \
  "https://localhost:$PORT$SUB/resourcegroups/soak?api-version=2021-04-01" > /dev/null
sleep 3  # let start-up allocations settle before the idle sample (a measurement, not a wait for an event)
IDLE_KB=$(awk '/VmRSS/ { print $2 }' "/proc/$AZEMU_PID/status")

cat > "$WORK/mixed.lua" <<LUA
local paths = {
  {"GET", "$SUB/resourcegroups/soak?api-version=2021-04-01", nil},
  {"GET", "/subscriptions?api-version=2022-12-01", nil},
  {"POST", "/$AZEMU_TENANT_ID/oauth2/v2.0/token",
   "grant_type=client_credentials&client_id=$AZEMU_CLIENT_ID&client_secret=$AZEMU_CLIENT_SECRET&scope=https%3A%2F%2Fmanagement.azure.com%2F.default"},
}
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  local headers = {["Authorization"] = "Bearer $TOKEN"}
  if p[3] then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  return wrk.format(p[1], p[2], headers, p[3])
end
-- Every path answers 200, so wrk's non-2xx/3xx count is the error count (5xx included).
done = function(summary, latency, requests)
  io.write(string.format("requests: %d\nreq/s: %.0f\np99 ms: %.2f\nnon-2xx: %d\nsocket errors: %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
wrk -t2 -c16 -d"${SECONDS_TOTAL}s" -s "$WORK/mixed.lua" "https://localhost:$PORT" > "$WORK/wrk.out" 2>&1 &
WRK_PID=$!
(
  while sleep 30; do
    BURSTS=1 PORT=$PORT DATA=$DATA AZEMU_PID=$AZEMU_PID AZEMU_SUBSCRIPTION_ID=$AZEMU_SUBSCRIPTION_ID \
      python3 "$E2E_DIR/hardening_probe.py" burst > /dev/null 2>&1
  done
) &
BURST_PID=$!
echo "# soak ${SECONDS_TOTAL}s on $(nproc) cores: 16 connections of mixed traffic + 2,000-connection bursts every 30 s"
echo "# t(s)  RSS(MB)  fds"
elapsed=0
while kill -0 "$WRK_PID" 2> /dev/null; do
  sleep 10
  elapsed=$((elapsed + 10))
  kill -0 "$AZEMU_PID" 2> /dev/null || { echo "azemu died at ${elapsed}s"; exit 1; }
  rss=$(awk '/VmRSS/ { printf "%.1f", $2/1024 }' "/proc/$AZEMU_PID/status")
  echo "  $elapsed  $rss  $(ls "/proc/$AZEMU_PID/fd" | wc -l)"
done
kill "$BURST_PID" 2> /dev/null
wait "$BURST_PID" 2> /dev/null
cat "$WORK/wrk.out"
status=0
grep -q '^socket errors: 0$' "$WORK/wrk.out" || { echo "FAIL: socket errors"; status=1; }
grep -q '^non-2xx: 0$' "$WORK/wrk.out" || { echo "FAIL: error responses (5xx or other non-2xx)"; status=1; }
limit=$((2 * IDLE_KB + 20 * 1024))
for _ in $(seq 1 40); do
  now=$(awk '/VmRSS/ { print $2 }' "/proc/$AZEMU_PID/status")
  [ "$now" -lt "$limit" ] && break
  sleep 0.5
done
echo "RSS idle $((IDLE_KB / 1024)) MB, after the soak $((now / 1024)) MB (limit $((limit / 1024)) MB)"
[ "$now" -lt "$limit" ] || { echo "FAIL: RSS did not come back"; status=1; }
kill -0 "$AZEMU_PID" || { echo "FAIL: azemu died"; status=1; }
[ "$status" -eq 0 ] && echo "soak passed"
exit "$status"
