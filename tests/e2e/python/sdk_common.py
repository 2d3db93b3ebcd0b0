# Shared by the Python SDK e2e tests (../python_sdk_test.sh runs them inside the Debian 13 root with Debian's
# python3-azure): the bootstrap service principal from `azemu env`'s variables, its credential, unique names,
# public keys rebuilt from a vault's JWK for local checks with `cryptography`, and a poll-with-deadline helper.
# Holds no test of its own.
import base64
import json
import os
import time

from azure.identity import ClientSecretCredential
from cryptography.hazmat.primitives.asymmetric import ec, rsa

TENANT = os.environ["AZEMU_TENANT_ID"]
SUBSCRIPTION = os.environ["AZEMU_SUBSCRIPTION_ID"]
CLIENT_ID = os.environ["AZEMU_CLIENT_ID"]
CLIENT_SECRET = os.environ["AZEMU_CLIENT_SECRET"]
LOCATION = "westus"
# Resource and vault names unique per run (vault names are global in Azure, and in azemu).
SUFFIX = str(os.getpid())[-6:]
# LRO pollers poll fast: azemu answers Retry-After like Azure, but a test should not wait for it.
FAST = {"polling_interval": 0.2}
# The same for the Key Vault data-plane pollers (delete, recover), which take it under this name.
KV_FAST = {"_polling_interval": 0.2}


def credential():
    return ClientSecretCredential(TENANT, CLIENT_ID, CLIENT_SECRET)


def claims(token):
    """The payload of a JWT (no signature check: the tests compare claims with what they expect)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def object_id(cred):
    """The caller's object id (the oid claim of an ARM token), for vault access policies."""
    return claims(cred.get_token("https://management.azure.com/.default").token)["oid"]


_CURVES = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "P-521": ec.SECP521R1, "P-256K": ec.SECP256K1}


def public_key(jwk):
    """A `cryptography` public key from an azure-keyvault-keys JsonWebKey (n, e, x, y are bytes there)."""
    num = lambda b: int.from_bytes(b, "big")  # noqa: E731
    if jwk.kty in ("RSA", "RSA-HSM"):
        return rsa.RSAPublicNumbers(num(jwk.e), num(jwk.n)).public_key()
    return ec.EllipticCurvePublicNumbers(num(jwk.x), num(jwk.y), _CURVES[jwk.crv]()).public_key()


def wait_for(what, probe, done, timeout, interval=1.0):
    """Calls probe() until done(its value) holds, up to timeout seconds (e2e only: azemu's guest works in real
    time). Returns that value; on timeout raises AssertionError with the last value seen."""
    deadline = time.monotonic() + timeout
    while True:
        last = probe()
        if done(last):
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}; last: {last!r}")
        time.sleep(interval)


def audit(vault):
    """azemu's audit rows for one vault (its admin endpoint /_azemu/audit, straight to azemu's port: no proxy)
    as (operationName, httpStatusCode) pairs, oldest first."""
    import requests
    session = requests.Session()
    session.trust_env = False  # HTTPS_PROXY would send localhost through the proxy
    reply = session.get(f"https://localhost:{os.environ['AZEMU_PORT']}/_azemu/audit", params={"vault": vault},
                        verify=os.environ["REQUESTS_CA_BUNDLE"], timeout=30)
    reply.raise_for_status()
    return [(e["operationName"], e["httpStatusCode"]) for e in reply.json()["value"]]
