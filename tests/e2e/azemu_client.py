"""A raw HTTPS client for e2e probes: requests go through azemu's CONNECT proxy (as az and the SDKs
do in proxy mode) on plain sockets, so a test can send bytes no SDK would (broken framing, 100k-deep
JSON, invalid UTF-8) and read exactly what comes back. Standard library and the openssl CLI only.
Configured from the environment: PORT, DATA, AZEMU_TENANT_ID, AZEMU_CLIENT_ID, AZEMU_CLIENT_SECRET.
"""
import base64
import json
import os
import socket
import ssl

PORT = int(os.environ["PORT"])
DATA = os.environ["DATA"]


def tls_to(host):
    """A TLS socket to `host` through azemu's CONNECT proxy (proxy mode, as az uses it)."""
    raw = socket.create_connection(("127.0.0.1", PORT), timeout=30)
    raw.sendall(f"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n".encode())
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = raw.recv(4096)
        if not chunk:
            raise ConnectionError("proxy closed")
        reply += chunk
    if b" 200 " not in reply.split(b"\r\n")[0]:
        raise ConnectionError(reply.decode(errors="replace"))
    ctx = ssl.create_default_context(cafile=os.path.join(DATA, "ca.pem"))
    return ctx.wrap_socket(raw, server_hostname=host)


class Response:
    """status (0: the connection ended without a response), lower-case headers, decoded body."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def __iter__(self):  # `status, body = response`
        return iter((self.status, self.body))

    def json(self):
        return json.loads(self.body)


def exchange(host, raw_request):
    """Sends bytes, reads until the server closes or a full response arrived."""
    s = tls_to(host)
    try:
        try:
            s.sendall(raw_request)
        except (ssl.SSLError, OSError):
            pass  # the server may answer (413) and close before it read everything: read what it sent
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ssl.SSLError, OSError):
                break
            if not chunk:
                break
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                length = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if length and len(body) >= int(length[0].split(b":")[1]):
                    break
    finally:
        s.close()
    if not data:
        return Response(0, {}, "")
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
    return Response(int(lines[0].split(" ")[1]), headers, body.decode("utf-8", errors="replace"))


def request(method, host, path, body=b"", token=None, headers=None, content_type="application/json"):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if body:
        lines.append(f"Content-Type: {content_type}")
        lines.append(f"Content-Length: {len(body)}")
    for k, v in (headers or {}).items():
        lines.append(f"{k}: {v}")
    return exchange(host, ("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def token(scope):
    """A client_credentials token of the bootstrap service principal for `scope`."""
    form = (f"grant_type=client_credentials&client_id={os.environ['AZEMU_CLIENT_ID']}"
            f"&client_secret={os.environ['AZEMU_CLIENT_SECRET']}&scope={scope}").encode()
    status, body = request("POST", "login.microsoftonline.com", f"/{os.environ['AZEMU_TENANT_ID']}/oauth2/v2.0/token", form,
                           content_type="application/x-www-form-urlencoded")
    if status != 200:
        raise RuntimeError(f"token: {status} {body}")
    return json.loads(body)["access_token"]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


FAILURES = [0]  # checks reported "not ok" so far (a list so importers see updates)


def report(ok, desc, detail=""):
    """One lib.sh-style line: "ok - DESC", or "not ok - DESC" with the detail's last lines indented."""
    print(("ok - " if ok else "not ok - ") + desc, flush=True)
    if not ok:
        FAILURES[0] += 1
        for line in str(detail).splitlines()[-15:]:
            print("#   " + line[:600])
