"""What the project declares it needs: pyproject.toml, the lowest-versions file CI tests with,
and the imports of the package and of this suite."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
PYPROJECT = CHECKOUT / "pyproject.toml"
LOWEST = CHECKOUT / ".ci" / "constraints-lowest.txt"
FIRST_PARTY = {"vaultkit", "conftest", "benchmarks", "tests"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements() -> tuple[list[str], list[str]]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return project["dependencies"], project["optional-dependencies"]["test"]


def _lower_bounds(requirements: list[str]) -> dict[str, str]:
    bounds = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][0-9A-Za-z.]*)", requirement)
        assert match, f"{requirement!r}: every requirement is `name>=lowest` and nothing more"
        bounds[_canonical(match.group(1))] = match.group(2)
    return bounds


def test_lowest_versions_file_pins_every_lower_bound_of_pyproject():
    runtime, test = _requirements()
    expected = _lower_bounds(runtime + test)
    pinned = {}
    for line in LOWEST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pinned[_canonical(name)] = version
    assert pinned == expected


def _imported_top_level_modules(folder: Path) -> set[str]:
    modules: set[str] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - FIRST_PARTY


def _distributions(modules: set[str]) -> dict[str, set[str]]:
    owners = packages_distributions()
    found = {}
    for module in sorted(modules):
        assert module in owners, f"`{module}` is imported but no installed distribution has it"
        found[module] = {_canonical(name) for name in owners[module]}
    return found


def test_the_package_declares_what_it_imports():
    runtime, _ = _requirements()
    declared = set(_lower_bounds(runtime))
    imported = _imported_top_level_modules(CHECKOUT / "vaultkit")
    for module, owners in _distributions(imported).items():
        assert owners & declared, f"vaultkit imports `{module}` from {owners}, not a dependency"


def test_the_test_extras_declare_what_the_suite_imports():
    runtime, test = _requirements()
    declared = set(_lower_bounds(runtime + test))
    imported = _imported_top_level_modules(CHECKOUT / "tests")
    for module, owners in _distributions(imported).items():
        assert owners & declared, f"the tests import `{module}` from {owners}, not declared"
