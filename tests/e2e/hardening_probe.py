#!/usr/bin/env python3
"""Hostile-client probes against a running azemu (issue 13's reproductions), one check each, over
azemu_client's raw TLS.

Usage: hardening_probe.py PHASE   (env: PORT, DATA, AZEMU_TENANT_ID, AZEMU_SUBSCRIPTION_ID,
AZEMU_CLIENT_ID, AZEMU_CLIENT_SECRET). Phases: requests | burst. Prints "ok - ..." / "not ok - ..."
lines like lib.sh and exits 1 if any check failed. Only the standard library and the openssl CLI.
"""
import base64
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from azemu_client import DATA, FAILURES, b64url, exchange, report, request, tls_to, token  # noqa: E402

SUB = os.environ["AZEMU_SUBSCRIPTION_ID"]


def forged_string_exp_token(valid):
    """A token signed with azemu's real key whose exp is a string (needs the data dir's key)."""
    def part(i):
        text = valid.split(".")[i]
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    header, claims = part(0), part(1)
    claims["exp"] = "2099-01-01T00:00:00Z"
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", os.path.join(DATA, "token-signing-key.pem")],
                         input=signing_input.encode(), capture_output=True, check=True).stdout
    return signing_input + "." + b64url(sig)


def expect(desc, result, status, *needles, absent=("json.exception",)):
    got_status, body = result
    problems = []
    if got_status != status:
        problems.append(f"status {got_status}, expected {status}")
    for n in needles:
        if n not in body:
            problems.append(f"body lacks {n!r}")
    for n in absent:
        if n in body:
            problems.append(f"body contains {n!r}")
    if body:
        try:
            json.loads(body)
        except ValueError:
            problems.append("body is not JSON")
    report(not problems, desc, "; ".join(problems) + "\n" + body[:400])


def alive(desc):
    status, body = request("GET", "management.azure.com", "/health")
    report(status == 200, desc + ": server still answers", f"{status} {body}")


ARM = "management.azure.com"
GRAPH = "graph.microsoft.com"


def phase_requests():
    arm = token("https://management.azure.com/.default")
    graph = token("https://graph.microsoft.com/.default")
    rg = f"/subscriptions/{SUB}/resourcegroups/hardening?api-version=2022-09-01"

    n = 100000
    deep = ('{"location":"westus","tags":' + '{"a":' * n + '"1"' + '}' * n + '}').encode()
    expect("1. RG PUT with tags nested 100k deep: 400 InvalidRequestContent",
           request("PUT", ARM, rg, deep, arm), 400, "InvalidRequestContent")
    deep_web = ('{"displayName":"x","web":' + '{"a":' * n + '1' + '}' * n + '}').encode()
    expect("1. Graph POST /v1.0/applications with a nested web: 400", request("POST", GRAPH, "/v1.0/applications",
                                                                              deep_web, graph), 400)
    alive("1. after deep JSON")

    expect("2. invalid UTF-8 in a body: 400 InvalidRequestContent",
           request("PUT", ARM, rg, b'{"location":"west\xffus"}', arm), 400, "InvalidRequestContent")
    expect("2. %FF in a Graph path: 400", request("GET", GRAPH, "/v1.0/applications/%FF", token=graph), 400)
    expect("2. %FF in a Key Vault path: 400",
           request("GET", "myvault.vault.azure.net", "/secrets/%FF?api-version=7.4"), 400)
    expect("6. %FF group name: 400 without internal text",
           request("PUT", ARM, f"/subscriptions/{SUB}/resourcegroups/%FF?api-version=2022-09-01",
                   b'{"location":"westus"}', arm), 400)
    alive("2. after invalid UTF-8")

    big_header = "a" * 20000
    expect("3. a 20 KB header: 431", request("GET", ARM, rg, token=arm, headers={"X-Big": big_header}), 431)
    expect("3. a 5 MB body: 413", request("PUT", ARM, rg, b" " * (5 * 1024 * 1024), arm), 413)
    cl_te = (f"POST {rg} HTTP/1.1\r\nHost: {ARM}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
             "0\r\n\r\n").encode()
    expect("3. Content-Length with Transfer-Encoding: 400", exchange(ARM, cl_te), 400)
    bad_chunk = f"POST {rg} HTTP/1.1\r\nHost: {ARM}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n".encode()
    expect("3. a bad chunk size: 400", exchange(ARM, bad_chunk), 400)
    alive("3. after framing errors")

    expect("6. a validly signed token whose exp is a string: 401",
           request("GET", ARM, rg, token=forged_string_exp_token(arm)), 401, absent=("json.exception", "type_error"))
    expect("6. a mistyped field: 400 without the parser's exception id",
           request("PUT", ARM, rg, b'{"location":5}', arm), 400, absent=("json.exception",))
    expect("a well-formed group PUT still works", request("PUT", ARM, rg, b'{"location":"westus"}', arm), 201)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def phase_burst():
    """7. RSS after bursts of 2,000 TLS connections returns near idle (2x idle + 20 MB)."""
    pid = int(os.environ["AZEMU_PID"])
    bursts = int(os.environ.get("BURSTS", "3"))
    per_burst = int(os.environ.get("BURST_CONNECTIONS", "2000"))
    idle = rss_kb(pid)
    peak = idle
    for _ in range(bursts):
        opened = []
        lock = threading.Lock()

        def one():
            try:
                s = tls_to(ARM)
                with lock:
                    opened.append(s)
            except OSError:
                pass

        threads = [threading.Thread(target=one) for _ in range(per_burst)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        peak = max(peak, rss_kb(pid))
        for s in opened:
            s.close()
    limit = 2 * idle + 20 * 1024
    deadline = time.monotonic() + 20
    now = rss_kb(pid)
    while now >= limit and time.monotonic() < deadline:
        time.sleep(0.5)  # the server trims after 2 s of quiet: poll for it with a deadline
        now = rss_kb(pid)
    print(f"# RSS idle {idle} kB, peak {peak} kB, after bursts {now} kB, limit {limit} kB")
    report(now < limit, f"7. RSS after {bursts} bursts of {per_burst} TLS connections under 2x idle + 20 MB",
           f"idle {idle} kB, now {now} kB")
    alive("7. after connection bursts")


def phase_steady():
    """300 ordinary requests: the access log is off by default, so the log must not grow."""
    arm = token("https://management.azure.com/.default")
    log = os.environ["AZEMU_LOG"]
    before = os.path.getsize(log)
    statuses = {request("GET", ARM, f"/subscriptions/{SUB}?api-version=2022-12-01", token=arm).status for _ in range(300)}
    after = os.path.getsize(log)
    report(statuses == {200}, "300 subscription GETs answer 200", str(statuses))
    report(after == before, "4. the log does not grow per request by default", f"{before} -> {after} bytes")


if __name__ == "__main__":
    {"requests": phase_requests, "burst": phase_burst, "steady": phase_steady}[sys.argv[1]]()
    sys.exit(1 if FAILURES[0] else 0)
