#!/usr/bin/env python3
"""Converts cel-spec's check-only conformance vectors (tests/simple/testdata/
type_deduction.textproto) to the JSON shape of ../shared/cel-conformance (README there):
expected {"type": TYPE, "value"?: VALUE}, "check_only", "type_env", "needs".

usage: convert-cel-check-vectors.py CEL_SPEC_CHECKOUT OUT.json
A small text-format reader is enough for these files (no protobuf package needed)."""
import base64, json, re, sys

TOKEN = re.compile(r'\s*(?:#[^\n]*\n\s*)*(\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_.]*|"(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*u?|[{}:<>])')

def tokens(text):
    pos = 0
    while True:
        m = TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip():
                raise SystemExit(f"cannot read at {pos}: {text[pos:pos+40]!r}")
            return
        pos = m.end()
        yield m.group(1)

def unquote(s):
    return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

def parse_message(it, closing="}"):
    """A message as a list of (field, value) pairs; nested messages are lists too."""
    fields = []
    for tok in it:
        if tok in ("}", ">"):
            return fields
        name = tok
        tok = next(it)
        if tok == ":":
            tok = next(it)
        if tok in ("{", "<"):
            fields.append((name, parse_message(it)))
        else:
            fields.append((name, tok))
    return fields

def get(msg, key):
    return [v for k, v in msg if k == key]

def one(msg, key):
    found = get(msg, key)
    return found[0] if found else None

PRIMITIVES = {"BOOL": "bool", "INT64": "int", "UINT64": "uint", "DOUBLE": "double",
              "STRING": "string", "BYTES": "bytes"}
WELL_KNOWN = {"TIMESTAMP": "google.protobuf.Timestamp", "DURATION": "google.protobuf.Duration",
              "ANY": "google.protobuf.Any"}

def type_text(t, needs):
    key, value = t[0]
    if key == "primitive": return PRIMITIVES[value]
    if key == "wrapper":
        needs.add("wrappers"); return f"wrapper({PRIMITIVES[value]})"
    if key == "well_known":
        needs.add({"TIMESTAMP": "timestamp", "DURATION": "duration", "ANY": "any"}[value])
        return WELL_KNOWN[value]
    if key == "dyn": return "dyn"
    if key == "null": return "null_type"
    if key == "error": return "error"
    if key == "type_param": return f"param({unquote(value)})"
    if key == "message_type":
        needs.add("proto"); return unquote(value)
    if key == "list_type": return f"list({type_text(one(value, 'elem_type'), needs)})"
    if key == "map_type":
        return f"map({type_text(one(value, 'key_type'), needs)},{type_text(one(value, 'value_type'), needs)})"
    if key == "type": return f"type({type_text(value, needs)})"
    if key == "abstract_type":
        name = unquote(one(value, "name"))
        if name == "optional_type": needs.add("optional")
        params = [type_text(p, needs) for p in get(value, "parameter_types")]
        return f"{name}({','.join(params)})"
    raise SystemExit(f"type {key} not handled")

def value_json(v, needs):
    key, payload = v[0]
    if key == "bool_value": return {"bool": payload == "true"}
    if key == "int64_value": return {"int": payload}
    if key == "uint64_value": return {"uint": payload.rstrip("u")}
    if key == "double_value": return {"double": float(payload)}
    if key == "string_value": return {"string": unquote(payload)}
    if key == "bytes_value": return {"bytes": base64.b64encode(unquote(payload).encode("latin-1")).decode()}
    if key == "null_value": return {"null": None}
    if key == "list_value": return {"list": [value_json(x, needs) for x in get(payload, "values")]}
    if key == "map_value":
        return {"map": [{"key": value_json(one(e, "key"), needs), "value": value_json(one(e, "value"), needs)}
                        for e in get(payload, "entries")]}
    if key == "object_value":
        (url, body), = payload
        message = url.strip("[]").split("/")[-1]
        if message not in ("google.protobuf.Timestamp", "google.protobuf.Duration"):
            needs.add("proto")
        return {"object": {"message": message, "json": "" if not body else json.dumps(body)}}
    raise SystemExit(f"value {key} not handled")

def convert(path):
    msg = parse_message(tokens(open(path, encoding="utf-8").read() + "}"))
    out = {"name": unquote(one(msg, "name")), "description": unquote(one(msg, "description") or '""'),
           "kro_enables": True, "sections": []}
    for section in get(msg, "section"):
        tests = []
        for t in get(section, "test"):
            needs = set()
            test = {"name": unquote(one(t, "name")), "expr": unquote(one(t, "expr"))}
            if one(t, "check_only") == "true": test["check_only"] = True
            if one(t, "disable_check") == "true": test["disable_check"] = True
            if one(t, "container"):
                test["container"] = unquote(one(t, "container"))
                if "conformance" in test["container"]: needs.add("proto")
            env = []
            for decl in get(t, "type_env"):
                name = unquote(one(decl, "name"))
                if one(decl, "ident") is not None:
                    env.append({"ident": name, "type": type_text(one(one(decl, "ident"), "type"), needs)})
                else:
                    overloads = []
                    for o in get(one(decl, "function"), "overloads"):
                        overloads.append({"id": unquote(one(o, "overload_id")),
                                          "params": [type_text(p, needs) for p in get(o, "params")],
                                          "result": type_text(one(o, "result_type"), needs),
                                          "receiver": one(o, "is_instance_function") == "true"})
                    env.append({"function": name, "overloads": overloads})
            if env: test["type_env"] = env
            bindings = {}
            for b in get(t, "bindings"):
                bindings[unquote(one(b, "key"))] = value_json(one(one(b, "value"), "value"), needs)
            if bindings: test["bindings"] = bindings
            typed = one(t, "typed_result")
            expected = {"type": type_text(one(typed, "deduced_type"), needs)}
            if one(typed, "result") is not None:
                expected["value"] = value_json(one(typed, "result"), needs)
            test["expected"] = expected
            if needs: test["needs"] = sorted(needs)
            tests.append(test)
        out["sections"].append({"name": unquote(one(section, "name")), "description": "", "tests": tests})
    return out

if __name__ == "__main__":
    spec, target = sys.argv[1], sys.argv[2]
    data = convert(f"{spec}/tests/simple/testdata/type_deduction.textproto")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")
