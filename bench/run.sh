#!/usr/bin/env bash
# azemu benchmarks, rerunnable on any machine (numbers go into issue closing notes):
#   1. start-to-ready on an existing data dir (median of 20 starts; goal < 50 ms)
#   2. idle RSS after start (goal < 30 MB)
#   3. ARM GET of a resource group over keep-alive HTTPS, 16 connections, 10 s (goal >= 5,000 req/s on 2 cores)
#   4. client_credentials token issuance: azemu (HTTPS) vs npm oauth2-mock-server (plain HTTP), same wrk run
#      shape (goal: azemu >= 2x)
#   5. Key Vault RSA-2048 unwrapKey and sign over keep-alive HTTPS, 16 connections, with the server's
#      CPU use: ops/s per server core as a ratio to `openssl speed rsa2048` sign/s (goal 0.7)
# Needs: build/bin/azemu, wrk, python3, curl, jq, node + npm (installs bench/node_modules on first run).
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
# The e2e helpers: free_port, wait_ready / wait_line, sp_token, jwt_claim (AZEMU_BIN defaults to build/bin/azemu).
source "$BENCH/../tests/e2e/lib.sh"
AZEMU=$AZEMU_BIN
DURATION=${BENCH_DURATION:-10s}
WORK=$(mktemp -d /tmp/azemu-bench-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
MOCK_PORT=$(free_port)
command -v wrk > /dev/null || { echo "bench needs wrk (apt-get install wrk)" >&2; exit 1; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done; }
trap cleanup EXIT

echo "== azemu bench $(date -u +%FT%TZ) on $(nproc) cores, $(uname -r)"
# First start creates the data dir (keys, CA, seed) and is not measured.
"$AZEMU" start --data-dir "$DATA" --listen "127.0.0.1:$PORT" --log-level off > "$WORK/first.out" &
FIRST=$!
wait_ready "$WORK/first.out"
kill -TERM "$FIRST"; wait "$FIRST" || true

echo "-- 1. start-to-ready on an existing data dir (20 runs)"
python3 - "$AZEMU" "$DATA" "$PORT" <<'PY'
import statistics, subprocess, sys, time
azemu, data, port = sys.argv[1:4]
samples = []
for _ in range(20):
    t0 = time.perf_counter()
    p = subprocess.Popen([azemu, "start", "--data-dir", data, "--listen", f"127.0.0.1:{port}", "--log-level", "off"],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    samples.append((time.perf_counter() - t0) * 1000)
    assert "azemu ready" in line, line
    p.terminate(); p.wait()
print(f"start-to-ready: median {statistics.median(samples):.1f} ms, min {min(samples):.1f} ms, max {max(samples):.1f} ms")
PY

"$AZEMU" start --data-dir "$DATA" --listen "127.0.0.1:$PORT" --log-level off > "$WORK/server.out" &
SERVER=$!
PIDS+=("$SERVER")
wait_ready "$WORK/server.out"
eval "$("$AZEMU" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"

echo "-- 2. idle RSS"
grep VmRSS "/proc/$SERVER/status" | awk '{printf "idle RSS: %.1f MB\n", $2/1024}'

CURL=(curl -sf --noproxy '*' --cacert "$DATA/ca.pem")
TOKEN=$(sp_token "https://management.core.windows.net//.default")
RG_URL="https://localhost:$PORT/subscriptions/$AZEMU_SUBSCRIPTION_ID/resourcegroups/benchGroup?api-version=2021-04-01"
"${CURL[@]}" -X PUT -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"location":"westus"}' "$RG_URL" > /dev/null

echo "-- 3. ARM GET resource group, keep-alive HTTPS, 16 connections, $DURATION"
cat > "$WORK/get.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx: %d\n", summary.errors.status))
end
LUA
wrk -t2 -c16 -d"$DURATION" --latency -s "$WORK/get.lua" "$RG_URL" | grep -E "Requests/sec|Latency  |99%|non-2xx|Socket errors"

echo "-- 4. client_credentials token issuance, 16 connections, $DURATION each"
BODY="grant_type=client_credentials&client_id=$AZEMU_CLIENT_ID&client_secret=$(jq -rn --arg s "$AZEMU_CLIENT_SECRET" '$s | @uri')&scope=https%3A%2F%2Fmanagement.core.windows.net%2F%2F.default"
cat > "$WORK/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "$BODY"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx: %d\n", summary.errors.status))
end
LUA
echo "azemu (HTTPS, RS256, secret checked against the store):"
wrk -t2 -c16 -d"$DURATION" -s "$WORK/token.lua" "https://localhost:$PORT/$AZEMU_TENANT_ID/oauth2/v2.0/token" |
  grep -E "Requests/sec|non-2xx|Socket errors"

if [ ! -d "$BENCH/node_modules/oauth2-mock-server" ]; then (cd "$BENCH" && npm install --no-audit --no-fund > /dev/null); fi
node "$BENCH/oauth2_mock.mjs" "$MOCK_PORT" > "$WORK/mock.out" &
PIDS+=("$!")
wait_line "$WORK/mock.out" ready
echo "oauth2-mock-server $(node -p "require('$BENCH/node_modules/oauth2-mock-server/package.json').version") (plain HTTP, RS256, accepts any client):"
wrk -t2 -c16 -d"$DURATION" -s "$WORK/token.lua" "http://127.0.0.1:$MOCK_PORT/token" | grep -E "Requests/sec|non-2xx|Socket errors"

echo "-- 5. Key Vault RSA-2048 unwrapKey and sign, keep-alive HTTPS, 16 connections, $DURATION each"
if getent hosts "benchkv.vault.azemu.localhost" > /dev/null; then
  OID=$(jwt_claim "$TOKEN" oid)
  MGMT="https://localhost:$PORT/subscriptions/$AZEMU_SUBSCRIPTION_ID/resourceGroups/benchGroup/providers/Microsoft.KeyVault/vaults/benchkv?api-version=2022-07-01"
  "${CURL[@]}" -X PUT -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' "$MGMT" -d "{\"location\":\"westus\",\"properties\":{\"tenantId\":\"$AZEMU_TENANT_ID\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"},\"accessPolicies\":[{\"tenantId\":\"$AZEMU_TENANT_ID\",\"objectId\":\"$OID\",\"permissions\":{\"keys\":[\"all\"]}}]}}" > /dev/null
  KV_HOST="benchkv.vault.azemu.localhost:$PORT"
  KV_TOKEN=$(sp_token "https://vault.azemu.localhost:$PORT/.default")
  KCURL=(curl -sf --noproxy '*' --cacert "$DATA/ca.pem" -H "Authorization: Bearer $KV_TOKEN" -H 'content-type: application/json')
  KID=$("${KCURL[@]}" -X POST "https://$KV_HOST/keys/bench/create?api-version=7.4" -d '{"kty":"RSA","key_size":2048}' | jq -r .key.kid)
  WRAPPED=$("${KCURL[@]}" -X POST "$KID/wrapkey?api-version=7.4" -d '{"alg":"RSA-OAEP","value":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}' | jq -r .value)
  OPENSSL_SIGN=$(openssl speed -seconds 3 rsa2048 2> /dev/null | awk '/^rsa 2048/ {print $6}')
  echo "openssl speed rsa2048 (one core, same machine): $OPENSSL_SIGN sign/s"
  TICKS=$(getconf CLK_TCK)
  for op in unwrapkey sign; do
    if [ $op = unwrapkey ]; then BODY_JSON="{\"alg\":\"RSA-OAEP\",\"value\":\"$WRAPPED\"}"; else
      BODY_JSON='{"alg":"RS256","value":"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"}'; fi
    cat > "$WORK/kv.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY_JSON'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KV_TOKEN"
done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx: %d  p50 %.2f ms  p99 %.2f ms\n", summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
    echo "$op:"
    # Server CPU time over the run (utime+stime) gives the cores it used; the goal is per server core.
    CPU0=$(awk '{print $14+$15}' "/proc/$SERVER/stat"); T0=$(date +%s.%N)
    wrk -t2 -c16 -d"$DURATION" -s "$WORK/kv.lua" "$KID/$op?api-version=7.4" > "$WORK/kv.out"
    CPU1=$(awk '{print $14+$15}' "/proc/$SERVER/stat"); T1=$(date +%s.%N)
    grep -E "Requests/sec|non-2xx|Socket errors" "$WORK/kv.out"
    RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/kv.out")
    python3 -c 'import sys; rps,c0,c1,t0,t1,hz,ossl=map(float,sys.argv[1:]); cores=(c1-c0)/hz/(t1-t0); print(f"server cores used {cores:.2f}; {rps/cores:.0f} ops/s per server core = {rps/cores/ossl:.2f} x openssl sign/s (goal 0.7)")' \
      "$RPS" "$CPU0" "$CPU1" "$T0" "$T1" "$TICKS" "$OPENSSL_SIGN"
  done
else
  echo "skipped: benchkv.vault.azemu.localhost does not resolve (install libnss-myhostname)"
fi
rm -rf "$WORK"
