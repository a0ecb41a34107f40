"""``vaultkit init``: a commented ``.vaultkit.toml``, and the pre-commit hook that runs the check.

The settings file lists every rule at its default severity, commented out, so the defaults stay
in force until a line is uncommented. The hook snippet is printed, or with ``--pre-commit``
appended to ``.pre-commit-config.yaml`` at the root of the git repository holding the vault: an
append to the end of the file, made only when loading the result gives exactly the old
configuration plus the new repository entry.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vaultkit import __version__
from vaultkit.apps.obsidian import template_folders
from vaultkit.check.engine import active_rules
from vaultkit.check.problems import Severity
from vaultkit.config.settings import CONFIG_FILE, ConfigError
from vaultkit.edit.plan import EditPlan, apply_plan
from vaultkit.edit.write import FileChange, WriteRefused, guard_target
from vaultkit.errors import UsageError
from vaultkit.load.vault import detect_flavor
from vaultkit.model import Flavor
from vaultkit.rules import RULES
from vaultkit.workspace import Workspace

REPO_URL = "https://github.com/vaultkit/vaultkit"
"""The repository whose ``.pre-commit-hooks.yaml`` pre-commit installs the hooks from."""
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
CHECK_HOOK = "vaultkit-check"
ORPHANS_HOOK = "vaultkit-orphans"

_REPOS_KEY = re.compile(r"repos:[ \t]*(#.*)?")
_LIST_ITEM = re.compile(r"( *)-(?: |$)")
_PLAIN_PATH = re.compile(r"\w[\w./-]*")
_ENTRY_INDENT = "  "
"""How far ``hook_snippet`` indents the repository entry under ``repos:``."""


@dataclass(frozen=True, slots=True)
class InitRequest:
    path: Path
    pre_commit: bool = False
    force: bool = False


def _yaml_scalar(text: str) -> str:
    """``text`` as a YAML flow scalar: plain when that reads back as the same string."""
    if _PLAIN_PATH.fullmatch(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def hook_snippet(vault_arg: str | None = None) -> str:
    """The ``.pre-commit-config.yaml`` text that runs ``vaultkit check`` before each commit.

    ``vault_arg`` is the vault folder relative to the repository root, when they differ.
    """
    args = [f"args: [{_yaml_scalar(vault_arg)}]"] if vault_arg else []
    lines = [
        "repos:",
        f"  - repo: {REPO_URL}",
        f"    rev: v{__version__}",
        "    hooks:",
        f"      - id: {CHECK_HOOK}",
        *(f"        {arg}" for arg in args),
        f"      # - id: {ORPHANS_HOOK}    # also fail when a note has no backlinks",
        *(f"      #   {arg}" for arg in args),
    ]
    return "\n".join(lines) + "\n"


def _flavor_reason(root: Path, flavor: Flavor) -> str:
    if flavor is Flavor.LOGSEQ:
        return "Detected: the vault has logseq/config.edn."
    if (root / ".obsidian").is_dir():
        return "Detected: the vault has .obsidian/."
    return "Neither .obsidian/ nor logseq/config.edn was found, so Obsidian's rules apply."


_SETTINGS = """\
# vaultkit settings for this vault. Lines starting with `#` are comments: uncomment a setting
# to change it. `vaultkit rules` lists the rules; `vaultkit rule NAME` explains one.

# How links resolve: obsidian or logseq. {reason}
flavor = "{flavor}"

# Notes never reported on (links to them still resolve). `*` stays within a folder, `**`
# crosses folders, a name without `/` matches anywhere, a trailing `/` means a whole folder.
{exclude}

# Severity of each rule: "error", "warning", "info" or "off". The values shown are the defaults.
[rules]
{rules}
{unresolved}
# `vaultkit orphans`: notes no other note links to.
[orphans]
# exclude = ["Inbox/"]    # left out of the report
# index = ["Home.md"]     # home or index notes, never reported
"""


UNRESOLVED_MANY = 20
"""From this many links to notes not yet written, ``init`` sets ``unresolved = "typos"``."""


def _exclude_line(templates: tuple[str, ...]) -> str:
    if not templates:
        return '# exclude = ["Templates/"]'
    listed = ", ".join(json.dumps(folder, ensure_ascii=False) for folder in templates)
    return (
        "# The template folders Obsidian's settings name: templates, not notes.\n"
        f"exclude = [{listed}]"
    )


def _unresolved_table(unresolved: int) -> str:
    if unresolved < UNRESOLVED_MANY:
        return ""
    return (
        f"\n# {unresolved} links lead to notes not written yet. Report only those that look like\n"
        '# typos or name a path, heading or attachment; "all" reports every one.\n'
        '[rules.broken-link]\nunresolved = "typos"\n'
    )


def settings_text(
    flavor: Flavor, reason: str, templates: tuple[str, ...] = (), unresolved: int = 0
) -> str:
    """A ``.vaultkit.toml`` that pins ``flavor``, excludes the vault's template folders and,
    for a vault with many links to notes not yet written, reports only likely typos among
    them; every other setting is shown commented out."""
    assignments = {name: f'# {name} = "{rule.severity.value}"' for name, rule in RULES.items()}
    width = max(len(text) for text in assignments.values()) + 2
    rules = []
    for name, rule in RULES.items():
        only = "" if len(rule.flavors) > 1 else f" ({next(iter(rule.flavors)).title()} only)"
        rules.append(f"{assignments[name]:<{width}}# {rule.summary}{only}")
    return _SETTINGS.format(
        reason=reason,
        flavor=flavor.value,
        exclude=_exclude_line(templates),
        rules="\n".join(rules),
        unresolved=_unresolved_table(unresolved),
    )


def _display(path: Path) -> str:
    """``path`` as the user gave it, or relative to the current folder when found from it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _git_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, or a worktree file)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _hook_ids(config: dict[str, Any]) -> set[object]:
    return {
        hook.get("id")
        for repo in config["repos"]
        if isinstance(repo, dict) and isinstance(repo.get("hooks"), list)
        for hook in repo["hooks"]
        if isinstance(hook, dict)
    }


def _item_indent(text: str) -> str | None:
    """The indentation of the items of the top-level ``repos:`` block list, if it is one."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if _REPOS_KEY.fullmatch(line):
            following = (
                item
                for item in lines[number + 1 :]
                if item.strip() and not item.lstrip().startswith("#")
            )
            item = _LIST_ITEM.match(next(following, ""))
            return item.group(1) if item else None
    return None


def appended_config(text: str, snippet: str, where: str) -> str | None:
    """``text`` of a pre-commit config with ``snippet``'s repository appended to its ``repos:``.

    ``None`` when the config already runs the check hook. Raises ``UsageError`` when the file's
    shape leaves no safe textual append.
    """
    refusal = f"cannot add the hook to {where}"
    advice = "run `vaultkit init` without --pre-commit and add the snippet it prints by hand"
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError:
        raise UsageError(f"{refusal}: it is not valid YAML") from None
    wanted = yaml.safe_load(snippet)
    newline = "\r\n" if "\r\n" in text else "\n"
    separator = newline if text and not text.endswith("\n") else ""
    if config is None:
        expected: Any = wanted
        addition = snippet
    elif isinstance(config, dict) and isinstance(config.get("repos"), list):
        if CHECK_HOOK in _hook_ids(config):
            return None
        indent = _item_indent(text)
        if indent is None:
            raise UsageError(f"{refusal}: its `repos:` is not a block list; {advice}")
        expected = {**config, "repos": [*config["repos"], *wanted["repos"]]}
        entry = snippet.splitlines()[1:]
        addition = "".join(f"{indent}{line.removeprefix(_ENTRY_INDENT)}\n" for line in entry)
    else:
        raise UsageError(f"{refusal}: it has no `repos:` list; {advice}")
    result = text + separator + addition.replace("\n", newline)
    try:
        appended = yaml.safe_load(result)
    except yaml.YAMLError:
        appended = None
    if appended != expected:
        raise UsageError(
            f"{refusal}: `repos:` must be the last top-level key for an append to land in it;"
            f" {advice}"
        )
    return result


def _read_config(path: Path, where: str) -> str:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise UsageError(f"cannot add the hook to {where}: it is not UTF-8 text") from None
    except OSError as error:
        raise UsageError(f"cannot read {where}: {error.strerror or error}") from None


def run_init_command(request: InitRequest) -> str:
    """Write ``.vaultkit.toml`` (and the hook, if asked); returns what to tell the user."""
    root = request.path
    if not root.exists():
        raise UsageError(f"no such folder: {root}")
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}")
    settings_path = root / CONFIG_FILE
    keep_settings = settings_path.exists() and not request.force
    if keep_settings and not request.pre_commit:
        raise UsageError(f"{_display(settings_path)} already exists; use --force to replace it")
    flavor = detect_flavor(root)
    vault = root.resolve()
    repository = _git_root(vault) or vault
    vault_arg = None if vault == repository else f"{vault.relative_to(repository).as_posix()}/"
    snippet = hook_snippet(vault_arg)
    config_path = repository / PRE_COMMIT_CONFIG
    where = _display(config_path)
    targets = [
        *([] if keep_settings else [(settings_path, root)]),
        *([(config_path, repository)] if request.pre_commit else []),
    ]
    for target, inside in targets:
        try:
            guard_target(target, (inside,), _display(target))
        except WriteRefused as error:
            raise UsageError(str(error)) from None
    plan = EditPlan(repository)
    report: list[str] = []
    if keep_settings:
        report.append(f"Kept {_display(settings_path)} as it is.")
    else:
        templates = template_folders(root) if flavor is Flavor.OBSIDIAN else ()
        unresolved = _problem_counts(root).get("broken-link", 0)
        reason = _flavor_reason(root, flavor)
        settings = settings_text(flavor, reason, templates, unresolved).encode("utf-8")
        relative = (vault / CONFIG_FILE).relative_to(repository).as_posix()
        plan.add(FileChange(relative, _current_bytes(settings_path), settings))
        report.append(f"Wrote {_display(settings_path)} (flavor: {flavor.value}).")
    if not request.pre_commit:
        report += [
            "",
            f"To check the vault before every commit, add this to {where}",
            "and run `pre-commit install`:",
            "",
            snippet.rstrip("\n"),
        ]
    else:
        old_config = _read_config(config_path, where)
        new_config = appended_config(old_config, snippet, where)
        if new_config is None:
            report.append(f"{where} already runs {CHECK_HOOK}; left it unchanged.")
        else:
            before = old_config.encode("utf-8") if config_path.exists() else None
            plan.add(FileChange(PRE_COMMIT_CONFIG, before, new_config.encode("utf-8")))
            report.append(
                f"Added the {CHECK_HOOK} hook to {where}; run `pre-commit install` to turn it on."
            )
    outcome = apply_plan(plan, stop_at_refusal=True)
    if outcome.refused:
        raise UsageError(outcome.refused[0])
    return "\n".join(report + _baseline_advice(root)) + "\n"


def _problem_counts(root: Path) -> Counter[str]:
    """How many problems of each rule a check of the vault, as its settings stand, reports.

    Only advice depends on it, so a vault that cannot be checked yet counts none.
    """
    try:
        workspace = Workspace.open(root, no_cache=True)
        problems = workspace.check(active_rules(workspace.settings)).problems
    except (UsageError, ConfigError):
        return Counter()
    return Counter(problem.rule for problem in problems if problem.severity is not Severity.INFO)


def _baseline_advice(root: Path) -> list[str]:
    count = sum(_problem_counts(root).values())
    if not count:
        return []
    return [
        "",
        f"The vault has {count} problem{'s' if count != 1 else ''} now. To adopt vaultkit without"
        " fixing them first,",
        "record them in a baseline and commit it; `vaultkit check` then fails only on new ones:",
        "",
        "  vaultkit check --update-baseline",
    ]


def _current_bytes(path: Path) -> bytes | None:
    """What ``path`` holds now, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise UsageError(f"cannot read {_display(path)}: {error.strerror or error}") from None
