"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other tools accept it."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from vaultkit import __version__
from vaultkit.check import CheckResult
from vaultkit.output.paths import path_display
from vaultkit.problems import Severity
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


def render_sarif(result: CheckResult) -> str:
    names = sorted(RULES)
    index = {name: number for number, name in enumerate(names)}
    results = []
    shown = path_display(result.root)
    for problem in result.problems:
        path = shown(problem.path)
        fingerprint = hashlib.sha256(
            f"{problem.rule}\0{path}\0{problem.target or problem.message}".encode()
        ).hexdigest()
        results.append(
            {
                "ruleId": problem.rule,
                "ruleIndex": index[problem.rule],
                "level": _LEVELS[problem.severity],
                "message": {"text": problem.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": quote(path), "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": problem.line, "startColumn": problem.column},
                        }
                    }
                ],
                "partialFingerprints": {"vaultkitProblem/v1": fingerprint},
            }
        )
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
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
