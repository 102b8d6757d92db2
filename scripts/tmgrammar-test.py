#!/usr/bin/env python3
"""Checks TextMate grammars against assertion files in the vscode-tmgrammar-test format,
tokenizing with a real TextMate engine (textmate-grammar-python, Oniguruma through
onigurumacffi).

    tmgrammar-test.py --grammar G.json [--grammar H.json ...] TEST_FILE ...

Grammars load in the order given, so a grammar comes after those it includes. A grammar
with an `injectionSelector` ("L:source.yaml -comment") is injected into every later
grammar of that scope, as an editor would. Each test file starts with
`<comment> SYNTAX TEST "<scope>" "<description>"`; a line `<comment> ^^^ scope ... - scope`
asserts the scopes of the characters above the carets in the nearest source line, and
`<comment> <~~--- scope` the characters from the line's start (each `~` skips one, each `-`
takes one). Assertion lines are not tokenized. Columns count characters.

Prints every failed assertion; exits 1 when any failed, 2 on a usage or loading error.
"""
import argparse
import json
import logging
import re
import sys
from pathlib import Path

HEADER = re.compile(r'^(?P<comment>\S+)\s+SYNTAX\s+TEST\s+"(?P<scope>[^"]+)"(?:\s+"(?P<description>[^"]*)")?\s*$')


def unresolved_includes(grammar, known_scopes):
    """The includes of `grammar` that name no rule of its repository and no known grammar."""
    repository, missing = grammar.get("repository", {}), []

    def walk(node):
        if isinstance(node, dict):
            include = node.get("include")
            if include and include not in ("$self", "$base"):
                name, _, rule = include.partition("#")
                if name and name not in known_scopes:
                    missing.append(include)
                elif not name and rule not in repository:
                    missing.append(include)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(grammar)
    return missing


def load_grammars(paths):
    """Creates a parser per grammar; returns them by scope name."""
    from textmate_grammar.parsers.base import LanguageParser

    # The engine logs every character no rule matched: noise here.
    logging.getLogger("textmate_grammar").setLevel(logging.ERROR)
    parsers, injections = {}, []
    for path in paths:
        grammar = json.loads(Path(path).read_text(encoding="utf-8"))
        scope = grammar["scopeName"]
        missing = unresolved_includes(grammar, set(parsers) | {scope})
        if missing:
            raise ValueError(f"{path}: includes that resolve to nothing: {', '.join(missing)}")
        selector = grammar.get("injectionSelector")
        if selector:
            # "L:source.yaml -comment": inject into source.yaml except comment scopes.
            target, *excluded = selector.split()
            target = target.split(":", 1)[-1]
            injections.append((target, [e.lstrip("-") for e in excluded if e.startswith("-")], scope))
        for target, excluded, injected in injections:
            if target == scope and injected != scope:
                key = " - ".join([scope] + (excluded or ["__none__"]))
                grammar.setdefault("injections", {})[key] = {"patterns": [{"include": injected}]}
        parsers[scope] = LanguageParser(grammar)
    return parsers


def parse_assertion(line, comment, source_line):
    """(columns, required scopes, forbidden scopes), or None when `line` asserts nothing."""
    if not line.startswith(comment):
        return None
    body = line[len(comment):]
    arrow = re.match(r'^\s*<(~*)(-+)\s+(.*)$', body)
    caret = re.match(r'^(\s*)(\^+)\s+(.*)$', body)
    if arrow:
        skip, take, rest = len(arrow.group(1)), len(arrow.group(2)), arrow.group(3)
        columns = list(range(skip, skip + take))
    elif caret:
        start = len(comment) + len(caret.group(1))
        columns = list(range(start, start + len(caret.group(2))))
        rest = caret.group(3)
    else:
        return None
    required, _, forbidden = rest.partition(" - ") if not rest.startswith("- ") else ("", "", rest[2:])
    columns = [c for c in columns if c < len(source_line)] if source_line is not None else columns
    return columns, required.split(), forbidden.split()


def contains_in_order(scopes, wanted):
    position = 0
    for scope in wanted:
        try:
            position = scopes.index(scope, position) + 1
        except ValueError:
            return False
    return True


def run_test_file(path, parsers):
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    header = HEADER.match(lines[0])
    if not header:
        return [f"{path}:1: missing header '<comment> SYNTAX TEST \"<scope>\"'"], 0
    comment, scope = header.group("comment"), header.group("scope")
    if scope not in parsers:
        return [f"{path}:1: no grammar for {scope}"], 0

    # Split into source lines (tokenized) and assertions about the source line above them.
    source, assertions = [], []  # assertions: (file line number, source index, parsed)
    for number, line in enumerate(lines[1:], start=2):
        parsed = parse_assertion(line, comment, source[-1] if source else None) if source else None
        if parsed is not None:
            assertions.append((number, len(source) - 1, line, parsed))
        else:
            source.append(line)

    element = parsers[scope].parse_string("\n".join(source))
    tokens = element._token_by_index() if element is not None else {}

    failures, count = [], 0
    for number, index, text, (columns, required, forbidden) in assertions:
        if not columns:
            failures.append(f"{path}:{number}: the assertion points past the end of line: {text.strip()}")
            continue
        for column in columns:
            count += 1
            scopes = [s for s in tokens.get((index, column), []) if s]
            missing = not contains_in_order(scopes, required)
            present = [s for s in forbidden if s in scopes]
            if missing or present:
                what = f"expected {' '.join(required)}" if missing else f"unexpected {' '.join(present)}"
                failures.append(f"{path}:{number}: column {column} of {source[index]!r}: {what}; "
                                f"got {' '.join(scopes) or '(nothing)'}")
    return failures, count


def main():
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--grammar", action="append", required=True)
    arguments.add_argument("tests", nargs="+")
    options = arguments.parse_args()
    try:
        parsers = load_grammars(options.grammar)
    except ImportError as error:
        print(f"textmate-grammar-python is missing ({error}): pip install textmate-grammar-python", file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot load the grammars: {error}", file=sys.stderr)
        return 2
    failures, checked = [], 0
    for test in options.tests:
        found, count = run_test_file(test, parsers)
        failures += found
        checked += count
    for failure in failures:
        print(failure)
    print(f"tmgrammar-test: {len(options.tests)} files, {checked} characters checked, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
