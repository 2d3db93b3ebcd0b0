#!/usr/bin/env python3
"""Turns docker/k8s/lab.yaml into what Kubernetes' controllers would create from it, for `podman kube play`
(which plays Pods, Deployments and PersistentVolumeClaims, not StatefulSets, Jobs, Services or Secrets):

  kube-play.py lab.yaml instances --students 2 --host-port 18443 | podman kube play -
      one PVC data-azemu-N and one Pod azemu-N per student, from the StatefulSet's volumeClaimTemplates and
      pod template (the Secret's values inlined for envFrom; port 8443 published on 127.0.0.1:HOST_PORT+N)
  kube-play.py lab.yaml seed --host azemu-0.azemu=10.88.0.5 ... | podman kube play -
      the seed Job's pod template as a Pod (and the ConfigMaps), with hostAliases standing in for the headless
      Service's DNS

Nothing else is changed, so what runs under podman is the manifest's own pod spec.
"""
import argparse
import copy
import sys

import yaml


def load(path):
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    return by_kind


def inline_secrets(spec, secrets):
    """envFrom secretRef -> env entries with the Secret's stringData (podman has no Secret objects)."""
    for c in spec.get("containers", []):
        env = []
        for src in c.pop("envFrom", []):
            ref = src.get("secretRef", {}).get("name")
            if ref not in secrets:
                sys.exit(f"kube-play: envFrom names an unknown Secret {ref!r}")
            env += [{"name": k, "value": str(v)} for k, v in secrets[ref].items()]
        c["env"] = env + c.get("env", [])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest")
    ap.add_argument("what", choices=["instances", "seed"])
    ap.add_argument("--students", type=int)
    ap.add_argument("--host-port", type=int, default=18443)
    ap.add_argument("--image", help="replace the azemu image")
    ap.add_argument("--seed-image", help="replace the seed Job's image")
    ap.add_argument("--host", action="append", default=[], help="NAME=IP for the seed pod's hostAliases")
    args = ap.parse_args()

    kinds = load(args.manifest)
    secrets = {s["metadata"]["name"]: s.get("stringData", {}) for s in kinds.get("Secret", [])}
    out = []
    if args.what == "instances":
        (sts,) = kinds["StatefulSet"]
        name = sts["metadata"]["name"]
        students = args.students if args.students is not None else sts["spec"]["replicas"]
        for n in range(students):
            pod_name = f"{name}-{n}"
            claims = {}
            for t in sts["spec"].get("volumeClaimTemplates", []):
                claim = f"{t['metadata']['name']}-{pod_name}"
                claims[t["metadata"]["name"]] = claim
                out.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                            "metadata": {"name": claim}, "spec": copy.deepcopy(t["spec"])})
            tmpl = copy.deepcopy(sts["spec"]["template"])
            spec = tmpl["spec"]
            spec["hostname"] = pod_name
            spec.setdefault("volumes", [])
            spec["volumes"] += [{"name": k, "persistentVolumeClaim": {"claimName": v}} for k, v in claims.items()]
            inline_secrets(spec, secrets)
            for c in spec["containers"]:
                if args.image:
                    c["image"] = args.image
                for p in c.get("ports", []):
                    if p["containerPort"] == 8443:
                        p["hostPort"] = args.host_port + n
                        p["hostIP"] = "127.0.0.1"
            meta = tmpl.get("metadata", {})
            meta["name"] = pod_name
            out.append({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec})
    else:
        (job,) = kinds["Job"]
        tmpl = copy.deepcopy(job["spec"]["template"])
        spec = tmpl["spec"]
        inline_secrets(spec, secrets)
        if args.seed_image:
            for c in spec["containers"]:
                c["image"] = args.seed_image
        aliases = {}
        for h in args.host:
            host, ip = h.split("=", 1)
            aliases.setdefault(ip, []).append(host)
        if aliases:
            spec["hostAliases"] = [{"ip": ip, "hostnames": names} for ip, names in aliases.items()]
        meta = tmpl.get("metadata", {})
        meta["name"] = job["metadata"]["name"]
        out += kinds.get("ConfigMap", [])  # podman kube play takes ConfigMaps from the same file
        out.append({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec})
    yaml.safe_dump_all(out, sys.stdout, sort_keys=False)


if __name__ == "__main__":
    main()
