"""``vaultkit init``: the settings file it writes, the hook snippet, and the pre-commit append."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from vaultkit import __version__
from vaultkit.check.problems import Severity
from vaultkit.config.settings import OrphanSettings, Settings, load_settings
from vaultkit.model import Flavor
from vaultkit.rules import RULES

SNIPPET = f"""\
repos:
  - repo: https://github.com/vaultkit/vaultkit
    rev: v{__version__}
    hooks:
      - id: vaultkit-check
      # - id: vaultkit-orphans    # also fail when a note has no backlinks
"""

ENTRY_AT_TWO = f"""\
  - repo: https://github.com/vaultkit/vaultkit
    rev: v{__version__}
    hooks:
      - id: vaultkit-check
      # - id: vaultkit-orphans    # also fail when a note has no backlinks
"""

SETTINGS_HEAD = """\
# vaultkit settings for this vault. Lines starting with `#` are comments: uncomment a setting
# to change it. `vaultkit rules` lists the rules; `vaultkit rule NAME` explains one.

# How links resolve: obsidian or logseq. Detected: the vault has .obsidian/.
flavor = "obsidian"

# Notes never reported on (links to them still resolve). `*` stays within a folder, `**`
# crosses folders, a name without `/` matches anywhere, a trailing `/` means a whole folder.
# exclude = ["Templates/"]

# Severity of each rule: "error", "warning", "info" or "off". The values shown are the defaults.
[rules]
"""

SETTINGS_TAIL = """
# `vaultkit orphans`: notes no other note links to.
[orphans]
# exclude = ["Inbox/"]    # left out of the report
# index = ["Home.md"]     # home or index notes, never reported
"""

HOOK_ADDED = (
    "Added the vaultkit-check hook to .pre-commit-config.yaml;"
    " run `pre-commit install` to turn it on.\n"
)


@pytest.fixture
def vault(make_vault):
    """An Obsidian vault that is also the root of a git repository."""
    root = make_vault({"Home.md": "[[Ideas]]\n", "Ideas.md": "ideas\n"})
    (root / ".git").mkdir()
    return root


def _rule_lines(text):
    return text.split("[rules]\n", 1)[1].split("\n\n", 1)[0].splitlines()


def test_init_writes_commented_settings_and_prints_the_hook(vault, run_cli):
    code, out, err = run_cli("init", cwd=vault)
    assert (code, err) == (0, "")
    assert out == (
        "Wrote .vaultkit.toml (flavor: obsidian).\n"
        "\n"
        "To check the vault before every commit, add this to .pre-commit-config.yaml\n"
        "and run `pre-commit install`:\n"
        "\n" + SNIPPET
    )
    text = (vault / ".vaultkit.toml").read_text(encoding="utf-8")
    assert text.startswith(SETTINGS_HEAD)
    assert text.endswith(SETTINGS_TAIL)
    lines = _rule_lines(text)
    assert [re.match(r'# ([a-z-]+) = "([a-z]+)"', line).groups() for line in lines] == [
        (name, rule.severity.value) for name, rule in RULES.items()
    ]
    assert lines[0] == (
        '# broken-link = "error"            # A link to a note or file that does not exist'
    )
    assert lines[list(RULES).index("missing-page")] == (
        '# missing-page = "info"            '
        "# A Logseq page reference to a page that has no file (Logseq only)"
    )
    assert (vault / ".pre-commit-config.yaml").exists() is False


def test_written_settings_keep_every_default(vault, run_cli):
    run_cli("init", cwd=vault)
    assert load_settings(vault, set(RULES)) == Settings(
        source=".vaultkit.toml", flavor=Flavor.OBSIDIAN
    )


def test_uncommenting_any_one_setting_still_loads(vault, run_cli):
    run_cli("init", cwd=vault)
    path = vault / ".vaultkit.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    settings = [number for number, line in enumerate(lines) if re.match(r"# [a-z-]+ = ", line)]
    assert len(settings) == len(RULES) + 3
    loaded = []
    for number in settings:
        edited = [*lines]
        edited[number] = edited[number].removeprefix("# ")
        path.write_text("".join(edited), encoding="utf-8")
        loaded.append(load_settings(vault, set(RULES)))
    exclude, *rules, orphans_exclude, orphans_index = loaded
    assert [settings.severities for settings in rules] == [
        {name: rule.severity} for name, rule in RULES.items()
    ]
    assert (exclude.exclude, exclude.orphans) == (("Templates/",), OrphanSettings())
    assert orphans_exclude.orphans == OrphanSettings(exclude=("Inbox/",))
    assert orphans_index.orphans == OrphanSettings(index=("Home.md",))


def test_uncommented_rule_can_be_changed(vault, run_cli):
    run_cli("init", cwd=vault)
    path = vault / ".vaultkit.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('# ambiguous-link = "warning"', 'ambiguous-link = "off"'))
    assert load_settings(vault, set(RULES)).severities == {"ambiguous-link": None}
    path.write_text(text.replace('# missing-page = "info"', 'missing-page = "error"'))
    assert load_settings(vault, set(RULES)).severities == {"missing-page": Severity.ERROR}


def test_init_detects_logseq(make_vault, run_cli):
    root = make_vault({"pages/Home.md": "- [[Ideas]]\n"}, flavor="logseq")
    (root / ".git").mkdir()
    code, out, _ = run_cli("init", "vault", "--pre-commit", cwd=root.parent)
    assert code == 0
    text = (root / ".vaultkit.toml").read_text(encoding="utf-8")
    assert (
        "# How links resolve: obsidian or logseq. Detected: the vault has logseq/config.edn.\n"
        'flavor = "logseq"\n'
    ) in text
    assert load_settings(root, set(RULES)).flavor is Flavor.LOGSEQ
    assert out.startswith("Wrote vault/.vaultkit.toml (flavor: logseq).\n")


def test_init_without_markers_pins_obsidian(make_vault, run_cli):
    root = make_vault({"Home.md": "home\n"}, flavor="none")
    (root / ".git").mkdir()
    code, _, _ = run_cli("init", cwd=root)
    assert code == 0
    assert (
        "# How links resolve: obsidian or logseq. Neither .obsidian/ nor logseq/config.edn was"
        " found, so Obsidian's rules apply.\n"
        'flavor = "obsidian"\n'
    ) in (root / ".vaultkit.toml").read_text(encoding="utf-8")


def test_init_never_replaces_settings_without_force(vault, run_cli):
    (vault / ".vaultkit.toml").write_text('flavor = "logseq"\n', encoding="utf-8")
    code, out, err = run_cli("init", cwd=vault)
    assert (code, out) == (2, "")
    assert err == "vaultkit: error: .vaultkit.toml already exists; use --force to replace it\n"
    assert (vault / ".vaultkit.toml").read_text(encoding="utf-8") == 'flavor = "logseq"\n'

    code, out, err = run_cli("init", "--force", cwd=vault)
    assert (code, err) == (0, "")
    assert load_settings(vault, set(RULES)).flavor is Flavor.OBSIDIAN


def test_pre_commit_after_init_adds_the_hook_and_keeps_the_settings(vault, run_cli):
    (vault / ".vaultkit.toml").write_text('flavor = "logseq"\n', encoding="utf-8")
    code, out, err = run_cli("init", "--pre-commit", cwd=vault)
    assert (code, err) == (0, "")
    assert out == (
        "Kept .vaultkit.toml as it is.\n"
        "Added the vaultkit-check hook to .pre-commit-config.yaml;"
        " run `pre-commit install` to turn it on.\n"
    )
    assert (vault / ".vaultkit.toml").read_text(encoding="utf-8") == 'flavor = "logseq"\n'
    assert "id: vaultkit-check" in (vault / ".pre-commit-config.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: None, "no such folder: {path}"),
        (lambda path: path.write_text("x\n"), "not a folder: {path}"),
    ],
)
def test_init_rejects_a_path_that_is_not_a_folder(tmp_path, run_cli, make, message):
    path = tmp_path / "where"
    make(path)
    code, out, err = run_cli("init", str(path))
    assert (code, out) == (2, "")
    assert err == f"vaultkit: error: {message.format(path=path)}\n"


def test_pre_commit_creates_the_config(vault, run_cli):
    code, out, err = run_cli("init", "--pre-commit", cwd=vault)
    assert (code, err) == (0, "")
    assert out == "Wrote .vaultkit.toml (flavor: obsidian).\n" + HOOK_ADDED
    assert (vault / ".pre-commit-config.yaml").read_text(encoding="utf-8") == SNIPPET


def test_vault_in_a_subfolder_gets_args(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "my notes" / ".obsidian").mkdir(parents=True)
    (tmp_path / "code").mkdir()
    code, out, err = run_cli("init", "../my notes", "--pre-commit", cwd=tmp_path / "code")
    assert (code, err) == (0, "")
    assert out == (
        "Wrote ../my notes/.vaultkit.toml (flavor: obsidian).\n"
        f"Added the vaultkit-check hook to {tmp_path / '.pre-commit-config.yaml'};"
        " run `pre-commit install` to turn it on.\n"
    )
    text = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert text == (
        "repos:\n"
        "  - repo: https://github.com/vaultkit/vaultkit\n"
        f"    rev: v{__version__}\n"
        "    hooks:\n"
        "      - id: vaultkit-check\n"
        '        args: ["my notes/"]\n'
        "      # - id: vaultkit-orphans    # also fail when a note has no backlinks\n"
        '      #   args: ["my notes/"]\n'
    )
    hooks = yaml.safe_load(text)["repos"][0]["hooks"]
    assert hooks == [{"id": "vaultkit-check", "args": ["my notes/"]}]


def test_vault_in_a_plain_subfolder_prints_plain_args(tmp_path, run_cli):
    (tmp_path / ".git").mkdir()
    (tmp_path / "notes").mkdir()
    code, out, _ = run_cli("init", "notes", cwd=tmp_path)
    assert code == 0
    assert out.endswith(
        "      - id: vaultkit-check\n"
        "        args: [notes/]\n"
        "      # - id: vaultkit-orphans    # also fail when a note has no backlinks\n"
        "      #   args: [notes/]\n"
    )


EXISTING = """\
# my hooks
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks:
      - id: trailing-whitespace
"""

SAMPLE_STYLE = """\
default_stages: [pre-commit]
repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks:
    -   id: check-yaml
# the end
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(EXISTING, EXISTING + ENTRY_AT_TWO, id="two-space items"),
        pytest.param(
            SAMPLE_STYLE,
            SAMPLE_STYLE + re.sub("^  ", "", ENTRY_AT_TWO, flags=re.MULTILINE),
            id="items at column 0",
        ),
        pytest.param(EXISTING.rstrip("\n"), EXISTING + ENTRY_AT_TWO, id="no final newline"),
        pytest.param(
            EXISTING.replace("\n", "\r\n"),
            (EXISTING + ENTRY_AT_TWO).replace("\n", "\r\n"),
            id="CRLF",
        ),
        pytest.param("", SNIPPET, id="empty file"),
        pytest.param("# nothing yet\n", "# nothing yet\n" + SNIPPET, id="only a comment"),
    ],
)
def test_pre_commit_appends_to_an_existing_config(vault, run_cli, before, after):
    config = vault / ".pre-commit-config.yaml"
    config.write_bytes(before.encode())
    code, out, err = run_cli("init", "--pre-commit", cwd=vault)
    assert (code, err) == (0, "")
    assert out == "Wrote .vaultkit.toml (flavor: obsidian).\n" + HOOK_ADDED
    assert config.read_bytes() == after.encode()
    repos = yaml.safe_load(after)["repos"]
    assert repos[-1] == {
        "repo": "https://github.com/vaultkit/vaultkit",
        "rev": f"v{__version__}",
        "hooks": [{"id": "vaultkit-check"}],
    }


def test_pre_commit_leaves_a_config_with_the_hook_alone(vault, run_cli):
    config = vault / ".pre-commit-config.yaml"
    config.write_text(SNIPPET, encoding="utf-8")
    code, out, err = run_cli("init", "--pre-commit", cwd=vault)
    assert (code, err) == (0, "")
    assert out == (
        "Wrote .vaultkit.toml (flavor: obsidian).\n"
        ".pre-commit-config.yaml already runs vaultkit-check; left it unchanged.\n"
    )
    assert config.read_text(encoding="utf-8") == SNIPPET


ADVICE = "run `vaultkit init` without --pre-commit and add the snippet it prints by hand"


@pytest.mark.parametrize(
    ("before", "why"),
    [
        pytest.param(
            EXISTING + "ci:\n  autofix_prs: false\n",
            f"`repos:` must be the last top-level key for an append to land in it; {ADVICE}",
            id="repos not last",
        ),
        pytest.param("repos: []\n", f"its `repos:` is not a block list; {ADVICE}", id="flow list"),
        pytest.param("repos: [\n", "it is not valid YAML", id="invalid YAML"),
        pytest.param("- repo: x\n", f"it has no `repos:` list; {ADVICE}", id="a list"),
        pytest.param("repos:\n", f"it has no `repos:` list; {ADVICE}", id="repos empty"),
    ],
)
def test_pre_commit_refuses_an_unsafe_append(vault, run_cli, before, why):
    config = vault / ".pre-commit-config.yaml"
    config.write_text(before, encoding="utf-8")
    code, out, err = run_cli("init", "--pre-commit", cwd=vault)
    assert (code, out) == (2, "")
    assert err == f"vaultkit: error: cannot add the hook to .pre-commit-config.yaml: {why}\n"
    assert config.read_text(encoding="utf-8") == before
    assert (vault / ".vaultkit.toml").exists() is False


def test_pre_commit_refuses_a_config_that_is_not_utf8(vault, run_cli):
    config = vault / ".pre-commit-config.yaml"
    config.write_bytes(b"repos:\n# caf\xe9\n")
    code, out, err = run_cli("init", "--pre-commit", cwd=vault)
    assert (code, out) == (2, "")
    assert err == (
        "vaultkit: error: cannot add the hook to .pre-commit-config.yaml: it is not UTF-8 text\n"
    )


def test_init_fits_a_vault_with_templates_and_many_unwritten_notes(make_vault, run_cli):
    ideas = "".join(f"[[Idea {chr(97 + n // 26)}{chr(97 + n % 26)}]]\n" for n in range(25))
    root = make_vault(
        {
            ".obsidian/templates.json": '{"folder": "Meta/Templates"}',
            "Meta/Templates/Daily.md": "[[{{date}}]] [[Nowhere]]\n",
            "Home.md": ideas + "[[Hme]] [[Projects/Plan]]\n",
        }
    )
    code, out, err = run_cli("init", cwd=root)
    assert (code, err) == (0, "")
    assert out.endswith(
        "\n\nThe vault has 2 problems now. To adopt vaultkit without fixing them first,\n"
        "record them in a baseline and commit it; `vaultkit check` then fails only on new ones:\n"
        "\n"
        "  vaultkit check --update-baseline\n"
    )
    text = (root / ".vaultkit.toml").read_text(encoding="utf-8")
    assert (
        "# The template folders Obsidian's settings name: templates, not notes.\n"
        'exclude = ["Meta/Templates/"]\n'
    ) in text
    assert text.endswith(
        "\n# 27 links lead to notes not written yet. Report only those that look like\n"
        '# typos or name a path, heading or attachment; "all" reports every one.\n'
        '[rules.broken-link]\nunresolved = "typos"\n'
        "\n# `vaultkit orphans`: notes no other note links to.\n"
        + SETTINGS_TAIL.split("# `vaultkit orphans`: notes no other note links to.\n", 1)[1]
    )
    settings = load_settings(root, set(RULES))
    assert settings.exclude == ("Meta/Templates/",)
    assert settings.rule_options == {"broken-link": {"unresolved": "typos"}}
    code, out, _ = run_cli("check", "--no-cache", "--format", "json", cwd=root)
    assert [(p["rule"], p["target"]) for p in json.loads(out)["problems"]] == [
        ("broken-link", "[[Hme]]"),
        ("broken-link", "[[Projects/Plan]]"),
    ]
