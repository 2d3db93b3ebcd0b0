#!/usr/bin/env python3
"""Crash-point durability (issue 13 item 6): a mixed workload — resource groups, vaults, keys,
secrets, deployments, role assignments — with azemu killed (-9) at a random point, ROUNDS times.
After each restart, before any new traffic: every write that was acknowledged (2xx) is present and
intact, no ARM operation is InProgress (start-up recovery ended them), every acknowledged
deployment is terminal, and every acknowledged Key Vault call has its audit row (matched by the
request id the response carried). Prints lib.sh-style "ok"/"not ok" lines; exit 1 on any failure.

Usage: durability_test.py ROUNDS   (env: AZEMU_BIN; optional DURABILITY_SEED for a replay)
"""
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = tempfile.mkdtemp(prefix="azemu-e2e-durability-")
DATA = os.path.join(WORK, "data")
PORT = int(subprocess.run(["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); "
                           "print(s.getsockname()[1])"], capture_output=True, text=True).stdout)
os.environ.update(PORT=str(PORT), DATA=DATA)
sys.path.insert(0, HERE)
import azemu_client as client  # noqa: E402

AZEMU = os.environ.get("AZEMU_BIN", os.path.join(HERE, "../../build/bin/azemu"))
ARM = "management.azure.com"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
EMPTY_NSG_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"n": {"type": "string"}},
    "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01",
                   "name": "[concat(parameters('n'), '-', string(copyIndex()))]", "location": "westus",
                   "copy": {"name": "nsgs", "count": 3}, "properties": {}}],
}
report = client.report


class Server:
    def __init__(self):
        self.proc = None

    def start(self):
        out = open(DATA + ".out", "a")
        self.proc = subprocess.Popen([AZEMU, "start", "--data-dir", DATA, "--listen", f"127.0.0.1:{PORT}",
                                      "--vm-runtime", "guestless", "--log-level", "warn"],
                                     stdout=subprocess.PIPE, stderr=open(DATA + ".err", "a"), text=True)
        line = self.proc.stdout.readline()  # the one "azemu ready" line, or EOF if it died
        out.write(line)
        if "azemu ready" not in line:
            raise RuntimeError("azemu did not start: " + line + open(DATA + ".err").read()[-2000:])

    def kill9(self):
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait()


def env_exports():
    text = subprocess.run([AZEMU, "env", "--data-dir", DATA, "--listen", f"127.0.0.1:{PORT}"],
                          capture_output=True, text=True, check=True).stdout
    for line in text.splitlines():
        if line.startswith("export "):
            k, _, v = line[len("export "):].partition("=")
            os.environ[k] = v.strip("'\"")


class Workload:
    """Writes from several threads; `acked` holds every write that got a 2xx, with what to check."""

    def __init__(self, sub, oid, tenant, round_no):
        self.sub, self.oid, self.tenant, self.round = sub, oid, tenant, round_no
        self.acked = []
        self.lock = threading.Lock()
        self.stop = False
        self.arm = client.token("https://management.azure.com/.default")
        self.kv = client.token("https://vault.azure.net/.default")

    def ack(self, kind, **facts):
        with self.lock:
            self.acked.append(dict(kind=kind, **facts))

    def put_group(self, name):
        r = client.request("PUT", ARM, f"/subscriptions/{self.sub}/resourcegroups/{name}?api-version=2022-09-01",
                           b'{"location":"westus","tags":{"round":"%d"}}' % self.round, self.arm)
        if r.status in (200, 201):
            self.ack("group", name=name)
        return r.status in (200, 201)

    def groups_and_role_assignments(self, tag):
        i = 0
        while not self.stop:
            i += 1
            self.put_group(f"g{self.round}-{tag}-{i}")
            ra = str(uuid.uuid4())
            body = json.dumps({"properties": {
                "roleDefinitionId": f"/subscriptions/{self.sub}/providers/Microsoft.Authorization/roleDefinitions/{READER}",
                "principalId": self.oid}}).encode()
            r = client.request("PUT", ARM, f"/subscriptions/{self.sub}/resourcegroups/g{self.round}-{tag}-{i}/providers/"
                               f"Microsoft.Authorization/roleAssignments/{ra}?api-version=2022-04-01", body, self.arm)
            if r.status in (200, 201):
                self.ack("role", group=f"g{self.round}-{tag}-{i}", id=ra)

    def vaults_keys_secrets(self, tag):
        group = f"kv{self.round}-{tag}"
        while not self.stop and not self.put_group(group):
            pass
        vault = f"v{self.round}{tag}{uuid.uuid4().hex[:8]}"
        body = json.dumps({"location": "westus", "properties": {
            "tenantId": self.tenant, "sku": {"family": "A", "name": "standard"},
            "accessPolicies": [{"tenantId": self.tenant, "objectId": self.oid,
                                "permissions": {"keys": ["all"], "secrets": ["all"]}}]}}).encode()
        r = client.request("PUT", ARM, f"/subscriptions/{self.sub}/resourcegroups/{group}/providers/"
                           f"Microsoft.KeyVault/vaults/{vault}?api-version=2023-02-01", body, self.arm)
        if r.status not in (200, 201):
            return
        self.ack("vault", group=group, name=vault)
        host = f"{vault}.vault.azure.net"
        i = 0
        while not self.stop:
            i += 1
            value = uuid.uuid4().hex
            r = client.request("PUT", host, f"/secrets/s{i}?api-version=7.4", json.dumps({"value": value}).encode(),
                               self.kv)
            if r.status == 200:
                self.ack("secret", vault=vault, name=f"s{i}", value=value, version=r.json()["id"].rsplit("/", 1)[1],
                         request_id=r.headers.get("x-ms-request-id"))
            if i % 4 == 0:
                r = client.request("POST", host, f"/keys/k{i}/create?api-version=7.4",
                                   b'{"kty":"EC","crv":"P-256"}', self.kv)
                if r.status == 200:
                    self.ack("key", vault=vault, name=f"k{i}", kid=r.json()["key"]["kid"],
                             request_id=r.headers.get("x-ms-request-id"))

    def deployments(self, tag):
        group = f"dep{self.round}-{tag}"
        while not self.stop and not self.put_group(group):
            pass
        i = 0
        while not self.stop:
            i += 1
            body = json.dumps({"properties": {"mode": "Incremental", "template": EMPTY_NSG_TEMPLATE,
                                              "parameters": {"n": {"value": f"nsg{i}"}}}}).encode()
            r = client.request("PUT", ARM, f"/subscriptions/{self.sub}/resourcegroups/{group}/providers/"
                               f"Microsoft.Resources/deployments/d{i}?api-version=2022-09-01", body, self.arm)
            if r.status in (200, 201):
                self.ack("deployment", group=group, name=f"d{i}")

    def run_until_killed(self, server, seconds):
        jobs = [(self.groups_and_role_assignments, "a"), (self.vaults_keys_secrets, "b"), (self.deployments, "c")]
        threads = [threading.Thread(target=self.guarded, args=job) for job in jobs]
        for t in threads:
            t.start()
        time.sleep(seconds)  # the kill point: a random instant in the middle of the workload
        server.kill9()
        self.stop = True
        for t in threads:
            t.join()

    @staticmethod
    def guarded(fn, tag):
        try:
            fn(tag)
        except (OSError, ValueError, KeyError, RuntimeError):
            pass  # the server died under us: unacknowledged writes may or may not exist


def verify(acked, sub):
    arm = client.token("https://management.azure.com/.default")
    kv = client.token("https://vault.azure.net/.default")
    db = sqlite3.connect(f"file:{DATA}/azemu.db?mode=ro", uri=True)
    stuck = db.execute("SELECT count(*) FROM arm_operations WHERE status = 'InProgress'").fetchone()[0]
    audit_ids = {row[0] for row in db.execute("SELECT correlation_id FROM azemu_audit")}
    db.close()
    missing = []
    for a in acked:
        k = a["kind"]
        if k == "group":
            ok = client.request("GET", ARM, f"/subscriptions/{sub}/resourcegroups/{a['name']}?api-version=2022-09-01",
                                token=arm).status == 200
        elif k == "role":
            ok = client.request("GET", ARM, f"/subscriptions/{sub}/resourcegroups/{a['group']}/providers/"
                                f"Microsoft.Authorization/roleAssignments/{a['id']}?api-version=2022-04-01",
                                token=arm).status == 200
        elif k == "vault":
            ok = client.request("GET", ARM, f"/subscriptions/{sub}/resourcegroups/{a['group']}/providers/"
                                f"Microsoft.KeyVault/vaults/{a['name']}?api-version=2023-02-01", token=arm).status == 200
        elif k == "secret":
            r = client.request("GET", f"{a['vault']}.vault.azure.net", f"/secrets/{a['name']}/{a['version']}?api-version=7.4",
                               token=kv)
            ok = r.status == 200 and r.json().get("value") == a["value"] and a["request_id"] in audit_ids
        elif k == "key":
            r = client.request("GET", f"{a['vault']}.vault.azure.net", f"/keys/{a['name']}?api-version=7.4", token=kv)
            ok = r.status == 200 and r.json()["key"]["kid"] == a["kid"] and a["request_id"] in audit_ids
        elif k == "deployment":
            r = client.request("GET", ARM, f"/subscriptions/{sub}/resourcegroups/{a['group']}/providers/"
                               f"Microsoft.Resources/deployments/{a['name']}?api-version=2022-09-01", token=arm)
            ok = r.status == 200 and r.json()["properties"]["provisioningState"] in ("Succeeded", "Failed")
        if not ok:
            missing.append(a)
    return stuck, missing


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    seed = int(os.environ.get("DURABILITY_SEED", str(int(time.time()))))
    rng = random.Random(seed)
    print(f"# {rounds} rounds, seed {seed} (DURABILITY_SEED={seed} replays the kill points), data {DATA}")
    server = Server()
    server.start()
    env_exports()
    claims = client.token("https://management.azure.com/.default").split(".")[1]
    claims = json.loads(__import__("base64").urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    sub, oid, tenant = os.environ["AZEMU_SUBSCRIPTION_ID"], claims["oid"], claims["tid"]
    all_acked = []
    for n in range(1, rounds + 1):
        work = Workload(sub, oid, tenant, n)
        work.run_until_killed(server, rng.uniform(0.3, 2.0))
        all_acked += work.acked
        server.start()
        stuck, missing = verify(all_acked, sub)
        counts = {}
        for a in work.acked:
            counts[a["kind"]] = counts.get(a["kind"], 0) + 1
        report(not missing and stuck == 0,
               f"round {n}: {len(work.acked)} acknowledged writes {counts} survived kill -9; no operation InProgress",
               f"stuck={stuck} missing={missing[:5]}")
    server.stop()
    print(f"# {len(all_acked)} acknowledged writes checked after every restart")
    if client.FAILURES[0] == 0:
        subprocess.run(["rm", "-rf", WORK])
    sys.exit(1 if client.FAILURES[0] else 0)


if __name__ == "__main__":
    main()
