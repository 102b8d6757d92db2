#!/usr/bin/env python3
"""Regenerates the CRD catalog (Sources/EmbeddedResources/crd-catalog.bin) from local
snapshots of the operators' repositories (fetched with the `fetch` tool into
$CRD_MIRROR, default /work/.mirror). Deterministic: the same snapshots give the same bytes.

File layout (all integers little-endian):
  8 bytes   magic "KROCRDC1"
  4 bytes   length N of the index
  N bytes   index: compact JSON
              {"sources": [{"family", "source", "version", "licence"}, ...],
               "groups": {"<api group>": {"offset", "length", "size", "source",
                                          "kinds": ["<version>/<Kind>", ...]}}}
            offset/length: the group's chunk, counted from the end of the index;
            size: its length once inflated.
  chunks    one zlib stream per API group; inflated it is compact JSON
              {"<version>/<Kind>": {"scope": "Namespaced"|"Cluster", "schema": {...}}}

Schemas keep what typing, hover and completion read (types, formats, descriptions,
properties, items, enums, defaults, required, the int-or-string / preserve-unknown-fields /
embedded-resource markers) and drop the rest (validation rules, list types, examples,
patterns and bounds)."""

import glob
import json
import os
import re
import struct
import subprocess
import sys
import zlib

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
MIRROR = os.environ.get("CRD_MIRROR", "/work/.mirror")
OUTPUT = os.path.join(HERE, "..", "Sources", "EmbeddedResources", "crd-catalog.bin")

KEPT_KEYS = {
    "type", "format", "description", "properties", "items", "additionalProperties", "required",
    "enum", "default", "oneOf", "anyOf", "allOf", "not", "nullable",
    "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
}
# Members whose value is a map of names to schemas (every key is a name, not a keyword).
NAMED_SCHEMAS = {"properties"}
SCHEMA_LISTS = {"oneOf", "anyOf", "allOf"}
SINGLE_SCHEMAS = {"items", "not"}


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def snapshot(name):
    path = os.path.join(MIRROR, name.replace("/", "+"), "repo")
    if os.path.isdir(os.path.join(path, ".git")):
        path = os.path.join(path, ".git")
    if not os.path.isdir(path):
        sys.exit(f"missing snapshot of {name} at {path}: fetch github:{name} first")
    return path


def describe(repo, ref="HEAD"):
    commit = git(repo, "rev-parse", f"{ref}^{{commit}}").decode().strip()
    date = git(repo, "log", "-1", "--format=%cs", ref).decode().strip()
    tag = ref if ref != "HEAD" else subprocess.run(["git", "--git-dir", repo, "describe", "--tags", "--abbrev=0", ref],
                                                   capture_output=True).stdout.decode().strip()
    return f"{tag + ' ' if tag else ''}{commit[:12]} ({date})"


def files(repo, pattern, ref="HEAD"):
    names = git(repo, "ls-tree", "-r", "--name-only", ref).decode().split("\n")
    return sorted(n for n in names if re.fullmatch(pattern, n))


_readers = {}


def show(repo, path, ref="HEAD"):
    """The file's bytes at `ref`, through one `git cat-file --batch` per snapshot."""
    reader = _readers.get(repo)
    if reader is None:
        reader = _readers[repo] = subprocess.Popen(["git", "--git-dir", repo, "cat-file", "--batch"],
                                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    reader.stdin.write(f"{ref}:{path}\n".encode())
    reader.stdin.flush()
    header = reader.stdout.readline().split()
    if len(header) != 3:
        sys.exit(f"{repo}: cannot read {path}")
    data = reader.stdout.read(int(header[2]))
    reader.stdout.read(1)
    return data


def trim(schema):
    """The schema with only the members typing and hover read."""
    if not isinstance(schema, dict):
        return schema
    result = {}
    for key, value in schema.items():
        if key not in KEPT_KEYS:
            continue
        if key in NAMED_SCHEMAS and isinstance(value, dict):
            # Converted catalogs treat a property named `properties` as a schema and add a
            # bogus `additionalProperties: false` member beside it: keep schemas only.
            value = {name: trim(sub) for name, sub in value.items() if isinstance(sub, dict)}
        elif key in SCHEMA_LISTS and isinstance(value, list):
            value = [trim(sub) for sub in value]
        elif key in SINGLE_SCHEMAS or (key == "additionalProperties" and isinstance(value, dict)):
            value = trim(value)
        elif key == "additionalProperties" and value is False:
            # Structural CRD schemas never say `false`; converted catalogs add it where
            # the CRD said nothing, which means the same to the engine.
            continue
        result[key] = value
    return result


def crd_kinds(document):
    """(group, "version/Kind", scope, schema) for each served version of a CRD object."""
    if not isinstance(document, dict) or document.get("kind") != "CustomResourceDefinition":
        return []
    spec = document["spec"]
    group, kind, scope = spec["group"], spec["names"]["kind"], spec.get("scope", "Namespaced")
    result = []
    for version in spec.get("versions", []):
        if version.get("served") is False:
            continue
        schema = (version.get("schema") or {}).get("openAPIV3Schema") or {"type": "object"}
        result.append((group, f"{version['name']}/{kind}", scope, trim(schema)))
    return result


def from_crd_files(repo, pattern, ref="HEAD"):
    kinds = []
    for path in files(repo, pattern, ref):
        for document in yaml.safe_load_all(show(repo, path, ref)):
            kinds += crd_kinds(document)
    return kinds


# Gateway API: a release tag, not the development branch.
GATEWAY_API_RELEASE = "v1.6.1"


def gateway_api(repo):
    """The standard channel's CRDs, then what only the experimental channel serves (older
    route versions, the x-k8s.io groups): a field the standard channel lacks is flagged
    for the kinds it has."""
    kinds = from_crd_files(repo, r"config/crd/standard/[^/]+\.yaml", GATEWAY_API_RELEASE)
    known = {(group, key) for group, key, _, _ in kinds}
    for kind in from_crd_files(repo, r"config/crd/experimental/[^/]+\.yaml", GATEWAY_API_RELEASE):
        if (kind[0], kind[1]) not in known:
            kinds.append(kind)
    return kinds


# --- Converted JSON schemas (datreeio/CRDs-catalog): file names lower-case the kind ---

def camel_words(text):
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", text)


def word_forms(word):
    low = word.lower()
    forms = {low}
    if low.endswith("ies"):
        forms.add(low[:-3] + "y")
    if low.endswith("es"):
        forms.add(low[:-2])
    if low.endswith("s"):
        forms.add(low[:-1])
    else:  # ASO joins a parent's plural to a child's name
        forms.add(low + "s")
        forms.add(low[:-1] + "ies" if low.endswith("y") else low + "es")
    return forms


def recased_kind(lower_kind, schema_text):
    """The kind's CamelCase spelling: the lower-case name split into words the schema's own
    text spells (ARM paths, property names), each capitalised; fewest words win, and a
    piece no text spells costs a word per letter."""
    vocabulary = set()
    for token in re.findall(r"[A-Za-z][A-Za-z0-9]*", schema_text):
        if token.islower():
            continue  # all lower case: no word boundaries to learn
        for word in camel_words(token):
            vocabulary |= word_forms(word)
    best = [None] * (len(lower_kind) + 1)
    best[0] = (0, [])
    for end in range(1, len(lower_kind) + 1):
        for start in range(end):
            if best[start] is None:
                continue
            piece = lower_kind[start:end]
            cost = best[start][0] + (1 if piece in vocabulary else 1 + len(piece))
            if best[end] is None or cost < best[end][0]:
                best[end] = (cost, best[start][1] + [piece])
    return "".join(word[0].upper() + word[1:] for word in best[-1][1])


def named_in_description(lower_kind, schema):
    """ACK and hand-written ASO kinds open their description with the kind's name."""
    match = re.match(r"([A-Za-z0-9]+) is ", schema.get("description", ""))
    return match.group(1) if match and match.group(1).lower() == lower_kind else None


def from_converted(repo, group_pattern, belongs, skip_groups=()):
    """Kinds of the groups matching `group_pattern` whose schemas `belongs` accepts as the
    family's (judged per group). Converted file names lower-case the kind: the spelling
    comes from the description, else another version of the same kind, else the text."""
    by_group = {}
    for path in files(repo, rf"({group_pattern})/[a-z0-9]+_[a-z0-9]+\.json"):
        group, name = path.split("/")
        if group in skip_groups:
            continue
        lower_kind, version = name[: -len(".json")].split("_")
        text = show(repo, path).decode()
        by_group.setdefault(group, []).append((lower_kind, version, json.loads(text), text))
    kinds = []
    for group, entries in sorted(by_group.items()):
        if not any(belongs(schema) for _, _, schema, _ in entries):
            continue
        spelling = {}
        for lower_kind, _, schema, _ in entries:
            spelling.setdefault(lower_kind, named_in_description(lower_kind, schema))
            spelling[lower_kind] = spelling[lower_kind] or named_in_description(lower_kind, schema)
        for lower_kind, _, _, text in entries:
            if spelling[lower_kind] is None:
                spelling[lower_kind] = recased_kind(lower_kind, text)
        for lower_kind, version, schema, _ in entries:
            kinds.append((group, f"{version}/{spelling[lower_kind]}", "Namespaced", trim(schema)))
    return kinds


# ACK controllers read from their own repositories (config/crd/bases); the catalog's
# converted copies of these are older. Other ACK groups come from the catalog.
ACK_CONTROLLERS = [
    "acm", "apigatewayv2", "cloudwatch", "cloudwatchlogs", "dynamodb", "ec2", "ecr", "eks", "elasticache",
    "elbv2", "eventbridge", "iam", "kms", "lambda", "memorydb", "opensearchservice", "organizations", "rds",
    "route53", "s3", "secretsmanager", "sfn", "sns", "sqs",
]


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else OUTPUT
    catalog_repo = snapshot("datreeio/CRDs-catalog")
    families = []  # (family, source, licence, kinds)

    families.append(("cert-manager", "cert-manager/cert-manager deploy/crds", "Apache-2.0",
                     snapshot("cert-manager/cert-manager"), lambda r: from_crd_files(r, r"deploy/crds/[^/]+\.yaml")))
    families.append(("external-secrets", "external-secrets/external-secrets config/crds/bases", "Apache-2.0",
                     snapshot("external-secrets/external-secrets"),
                     lambda r: from_crd_files(r, r"config/crds/bases/[^/]+\.yaml")))
    families.append(("argo-cd", "argoproj/argo-cd manifests/crds", "Apache-2.0",
                     snapshot("argoproj/argo-cd"), lambda r: from_crd_files(r, r"manifests/crds/[^/]+-crd\.yaml")))
    families.append(("gateway-api", "kubernetes-sigs/gateway-api config/crd/standard (then experimental)", "Apache-2.0",
                     snapshot("kubernetes-sigs/gateway-api"), gateway_api, GATEWAY_API_RELEASE))
    families.append(("config-connector", "GoogleCloudPlatform/k8s-config-connector config/crds/resources",
                     "Apache-2.0", snapshot("GoogleCloudPlatform/k8s-config-connector"),
                     lambda r: from_crd_files(r, r"config/crds/resources/[^/]+\.yaml")))

    ack_groups = set()
    for service in ACK_CONTROLLERS:
        families.append(("aws-controllers-k8s", f"aws-controllers-k8s/{service}-controller config/crd/bases",
                         "Apache-2.0", snapshot(f"aws-controllers-k8s/{service}-controller"),
                         lambda r: from_crd_files(r, r"config/crd/bases/[^/]+\.yaml")))
        ack_groups.add(f"{service}.services.k8s.aws")
    families.append(("aws-controllers-k8s", "datreeio/CRDs-catalog *.services.k8s.aws (the other ACK controllers)",
                     "Apache-2.0 (ACK); MIT (catalog)", catalog_repo,
                     lambda r: from_converted(r, r"[a-z0-9]+\.services\.k8s\.aws", lambda schema: True, ack_groups)))
    families.append(("azure-service-operator", "datreeio/CRDs-catalog *.azure.com (from Azure Service Operator v2)",
                     "MIT (ASO); MIT (catalog)", catalog_repo,
                     lambda r: from_converted(r, r"[a-z0-9.]+\.azure\.com",
                                                  lambda schema: "Generator information" in schema.get("description", ""))))

    sources, groups = [], {}
    for index, (family, source, licence, repo, read, *ref) in enumerate(families):
        sources.append({"family": family, "source": source, "version": describe(repo, *ref), "licence": licence})
        count = 0
        for group, key, scope, schema in read(repo):
            chunk = groups.setdefault(group, {"source": index, "kinds": {}})
            if chunk["source"] != index:
                sys.exit(f"group {group} comes from two sources")
            chunk["kinds"][key] = {"scope": scope, "schema": schema}
            count += 1
        print(f"{family}: {count} kind versions", file=sys.stderr)

    index = {"sources": sources, "groups": {}}
    blobs, offset = [], 0
    for group in sorted(groups):
        kinds = groups[group]["kinds"]
        raw = json.dumps({key: kinds[key] for key in sorted(kinds)}, separators=(",", ":"),
                         ensure_ascii=False).encode()
        packed = zlib.compress(raw, 9)
        index["groups"][group] = {"offset": offset, "length": len(packed), "size": len(raw),
                                  "source": groups[group]["source"], "kinds": sorted(kinds)}
        blobs.append(packed)
        offset += len(packed)
    header = json.dumps(index, separators=(",", ":"), ensure_ascii=False).encode()
    with open(output, "wb") as f:
        f.write(b"KROCRDC1" + struct.pack("<I", len(header)) + header + b"".join(blobs))
    raw_total = sum(g["size"] for g in index["groups"].values())
    print(f"{output}: {len(groups)} groups, {sum(len(g['kinds']) for g in index['groups'].values())} kind versions, "
          f"{raw_total / 1e6:.2f} MB inflated, {os.path.getsize(output) / 1e6:.2f} MB on disk", file=sys.stderr)


if __name__ == "__main__":
    main()
