"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other tools accept it."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from vaultkit import __version__
from vaultkit.check.engine import CheckResult
from vaultkit.check.problems import Severity
from vaultkit.output.paths import path_display
from vaultkit.rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFORMATION_URI = "https://pypi.org/project/vaultkit-notes/"


def _rule_descriptor(name: str) -> dict[str, Any]:
    rule = RULES[name]
    return {
        "id": name,
        "name": name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.strip()},
        "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


_RESULTS_PLACE = "vaultkit: results go here"
"""Stands for the results while the rest of the document is laid out (see ``render_sarif``)."""


def render_sarif(result: CheckResult) -> str:
    """The SARIF document: indented, but with one result per line.

    Indenting with ``json.dumps(indent=…)`` takes Python's own encoder, many times slower than
    the C one; a vault with 45,000 problems took 1.5 s. The results, which are nearly all of
    the document, are written one per line by the C encoder instead.
    """
    names = sorted(RULES)
    index = {name: number for number, name in enumerate(names)}
    shown = path_display(result.root)
    uris: dict[str, str] = {}
    lines = []
    for problem in result.problems:
        path = shown(problem.path)
        uri = uris.get(path)
        if uri is None:
            uri = uris[path] = quote(path)
        fingerprint = hashlib.sha256(
            f"{problem.rule}\0{path}\0{problem.target or problem.message}".encode()
        ).hexdigest()
        entry = {
            "ruleId": problem.rule,
            "ruleIndex": index[problem.rule],
            "level": _LEVELS[problem.severity],
            "message": {"text": problem.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": problem.line, "startColumn": problem.column},
                    }
                }
            ],
            "partialFingerprints": {"vaultkitProblem/v1": fingerprint},
        }
        lines.append(json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")))
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vaultkit",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(name) for name in names],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": _RESULTS_PLACE,
            }
        ],
    }
    layout = json.dumps(document, indent=2, ensure_ascii=False)
    results = (
        "[\n" + ",\n".join("        " + line for line in lines) + "\n      ]" if lines else "[]"
    )
    before, after = layout.split(json.dumps(_RESULTS_PLACE), 1)
    return before + results + after + "\n"
