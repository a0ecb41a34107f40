"""Reading notes' bytes and walking a vault: bad files never raise; skip rules; flavour."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from vaultkit.apps.logseq import LogseqConfig
from vaultkit.load.read import decode_note, read_note
from vaultkit.load.vault import detect_flavor, load_vault
from vaultkit.load.walk import PathProblem, walk_vault
from vaultkit.model import FileProblem, Flavor, Heading, Tag

UNREADABLE = "unreadable-note"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def notes_by_path(vault):
    return {note.path: note for note in vault.notes}


def paths(vault):
    return [note.path for note in vault.notes]


# --- decoding ----------------------------------------------------------------------------------


def test_plain_utf8():
    decoded = decode_note("# Café [[x]]\n".encode())
    assert (decoded.text, decoded.encoding, decoded.has_bom, decoded.problems) == (
        "# Café [[x]]\n",
        "utf-8",
        False,
        [],
    )


def test_invalid_utf8_gives_position_and_replacement_text():
    decoded = decode_note(b"line one\nab\xffcd [[x]]\n")
    assert decoded.text == "line one\nab\ufffdcd [[x]]\n"
    assert decoded.encoding == "utf-8"
    assert decoded.problems == [
        FileProblem(
            UNREADABLE, "not valid UTF-8 (byte 0xff); read with replacement characters", 2, 3
        )
    ]


def test_invalid_utf8_column_counts_characters_before_it():
    decoded = decode_note("é🎉".encode() + b"\xfe")
    assert [(p.line, p.column) for p in decoded.problems] == [(1, 3)]
    assert decoded.text == "é🎉\ufffd"


def test_truncated_sequence_at_the_end():
    decoded = decode_note(b"ok\n\xe2\x82")
    assert [(p.line, p.column) for p in decoded.problems] == [(2, 1)]
    assert "byte 0xe2" in decoded.problems[0].message


def test_invalid_utf8_in_a_crlf_file():
    decoded = decode_note(b"a\r\nb\xff")
    assert [(p.line, p.column) for p in decoded.problems] == [(2, 2)]


def test_invalid_utf8_in_a_lone_cr_file():
    decoded = decode_note(b"a\rb\xff")
    assert [(p.line, p.column) for p in decoded.problems] == [(2, 2)]


def test_utf8_bom_is_dropped_and_noted():
    decoded = decode_note(codecs.BOM_UTF8 + b"---\ntags: [a]\n---\n#b")
    assert (decoded.text, decoded.has_bom, decoded.problems) == (
        "---\ntags: [a]\n---\n#b",
        True,
        [],
    )


def test_bom_and_invalid_byte_position_counts_from_after_the_bom():
    decoded = decode_note(codecs.BOM_UTF8 + b"ab\n\xffc")
    assert decoded.has_bom is True
    assert [(p.line, p.column) for p in decoded.problems] == [(2, 1)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded_with_a_problem(encoding):
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else codecs.BOM_UTF16_LE
    data = "# H\n[[a]]".encode(encoding)
    if encoding != "utf-16":
        data = bom + data
    decoded = decode_note(data)
    assert (decoded.text, decoded.encoding, decoded.has_bom) == ("# H\n[[a]]", "utf-16", True)
    assert decoded.problems == [
        FileProblem(UNREADABLE, "note is UTF-16 encoded; Obsidian and Logseq read notes as UTF-8")
    ]


def test_nul_bytes_mean_binary():
    decoded = decode_note(b"x\n\nab\x00cd")
    assert (decoded.text, decoded.encoding) == (None, "binary")
    assert decoded.problems == [
        FileProblem(
            UNREADABLE, "binary file with a .md name (it holds NUL bytes); not read as a note", 3, 3
        )
    ]


def test_read_note_on_a_missing_file(tmp_path):
    decoded = read_note(tmp_path / "gone.md")
    assert decoded.text is None
    assert decoded.problems == [FileProblem(UNREADABLE, "cannot read: No such file or directory")]


def test_read_note_on_a_folder(tmp_path):
    decoded = read_note(tmp_path)
    assert decoded.text is None
    assert decoded.problems == [FileProblem(UNREADABLE, "cannot read: Is a directory")]


# --- reading notes in a vault ------------------------------------------------------------------


def test_invalid_utf8_note_is_still_parsed(make_vault):
    root = make_vault({"bad.md": b"# Title\nab\xffcd [[x]] #t\n"})
    note = notes_by_path(load_vault(root))["bad.md"]
    assert note.readable is True
    assert [(p.code, p.line, p.column) for p in note.problems] == [(UNREADABLE, 2, 3)]
    assert [(link.target, link.line, link.column) for link in note.links] == [("x", 2, 7)]
    assert note.tags == [Tag("t", 2, 13)]
    assert note.headings == [Heading(1, "Title", 1, 1)]


def test_bom_note_positions_are_unaffected(make_vault):
    root = make_vault(
        {"bom.md": codecs.BOM_UTF8 + b"---\ntags: [x]\n---\n# H\n[[x]] #t\n", "plain.md": "x"}
    )
    note = notes_by_path(load_vault(root))["bom.md"]
    assert (note.has_bom, note.encoding, note.problems) == (True, "utf-8", [])
    assert note.frontmatter.data == {"tags": ["x"]}
    assert note.headings == [Heading(1, "H", 4, 1)]
    assert [(link.target, link.line, link.column) for link in note.links] == [("x", 5, 1)]
    assert [(t.name, t.line, t.column) for t in note.tags] == [("x", 2, 8), ("t", 5, 7)]
    assert notes_by_path(load_vault(root))["plain.md"].has_bom is False


def test_utf16_note_is_decoded_and_reported(make_vault):
    root = make_vault({"u16.md": "# H\n[[a]]\n".encode("utf-16")})
    note = notes_by_path(load_vault(root))["u16.md"]
    assert (note.readable, note.encoding, note.has_bom) == (True, "utf-16", True)
    assert [(p.code, p.line, p.column) for p in note.problems] == [(UNREADABLE, 1, 1)]
    assert [(link.target, link.line) for link in note.links] == [("a", 2)]


def test_binary_note_is_unreadable(make_vault):
    root = make_vault({"bin.md": b"abc\x00def [[x]]"})
    note = notes_by_path(load_vault(root))["bin.md"]
    assert (note.readable, note.encoding, note.title) == (False, "binary", "bin")
    assert note.links == []
    assert [(p.code, p.line, p.column) for p in note.problems] == [(UNREADABLE, 1, 4)]
    assert note.size == 13


@pytest.mark.skipif(AS_ROOT, reason="root can read a chmod 000 file")
def test_unreadable_file_is_a_problem(make_vault):
    root = make_vault({"secret.md": "[[x]]", "ok.md": "[[y]]"})
    secret = root / "secret.md"
    secret.chmod(0)
    try:
        vault = load_vault(root)
    finally:
        secret.chmod(0o644)
    note = notes_by_path(vault)["secret.md"]
    assert note.readable is False
    assert note.problems == [FileProblem(UNREADABLE, "cannot read: Permission denied")]
    assert [link.target for link in notes_by_path(vault)["ok.md"].links] == ["y"]


@pytest.mark.skipif(AS_ROOT, reason="root can list a chmod 000 folder")
def test_unreadable_folder_is_a_problem(make_vault):
    root = make_vault({"locked/a.md": "x", "ok.md": "y"})
    (root / "locked").chmod(0)
    try:
        vault = load_vault(root)
    finally:
        (root / "locked").chmod(0o755)
    assert paths(vault) == ["ok.md"]
    assert vault.problems == [
        PathProblem("locked", FileProblem(UNREADABLE, "cannot list folder: Permission denied"))
    ]


def test_file_name_with_a_newline(make_vault):
    root = make_vault({"new\nline.md": "[[a]]", "other.md": "x"})
    vault = load_vault(root)
    note = notes_by_path(vault)["new\nline.md"]
    assert note.title == "new\nline"
    assert [(link.target, link.line, link.column) for link in note.links] == [("a", 1, 1)]
    assert vault.problems == []


def test_file_name_that_is_not_utf8(make_vault):
    root = make_vault({"ok.md": "x"})
    (root / os.fsdecode(b"bad\xff.md")).write_bytes(b"[[x]]")
    vault = load_vault(root)
    name = "bad\udcff.md"
    assert paths(vault) == [name, "ok.md"]
    assert [link.target for link in notes_by_path(vault)[name].links] == ["x"]
    assert vault.problems == [
        PathProblem(
            name,
            FileProblem(
                UNREADABLE, "file name is not valid UTF-8; Obsidian and Logseq may not show it"
            ),
        )
    ]


def test_size_and_line_count(make_vault):
    root = make_vault({"n.md": "a\nb\nc\n"})
    note = notes_by_path(load_vault(root))["n.md"]
    assert (note.size, note.line_count) == (6, 4)
    assert note.mtime > 0


# --- symbolic links ----------------------------------------------------------------------------


def test_symlink_loop_is_a_problem_and_the_walk_ends(make_vault):
    root = make_vault({"loop/n.md": "x", "top.md": "y"})
    (root / "loop" / "up").symlink_to("..", target_is_directory=True)
    vault = load_vault(root)
    assert paths(vault) == ["loop/n.md", "top.md"]
    assert vault.problems == [
        PathProblem(
            "loop/up",
            FileProblem(
                UNREADABLE,
                "symbolic link to a folder already in the vault (or a link loop); not entered",
            ),
        )
    ]


def test_self_link_loop(make_vault):
    root = make_vault({"a/n.md": "x"})
    (root / "a" / "self").symlink_to(".", target_is_directory=True)
    vault = load_vault(root)
    assert paths(vault) == ["a/n.md"]
    assert [problem.path for problem in vault.problems] == ["a/self"]


def test_dangling_symlink_is_a_problem(make_vault):
    root = make_vault({"ok.md": "x"})
    (root / "dangling.md").symlink_to("nowhere.md")
    vault = load_vault(root)
    assert paths(vault) == ["ok.md"]
    assert vault.problems == [
        PathProblem(
            "dangling.md", FileProblem(UNREADABLE, "symbolic link whose target does not exist")
        )
    ]


def test_symlink_to_an_outside_folder_is_reported_not_followed(make_vault, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ext.md").write_text("[[back]]", encoding="utf-8")
    root = make_vault({"in.md": "x"})
    (root / "linked").symlink_to(outside, target_is_directory=True)
    vault = load_vault(root)
    assert paths(vault) == ["in.md"]
    message = "symbolic link to a path outside the vault; not followed"
    assert vault.problems == [PathProblem("linked", FileProblem("external-symlink", message))]


def test_symlink_to_an_outside_folder_is_followed_when_asked(make_vault, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "ext.md").write_text("[[back]]", encoding="utf-8")
    root = make_vault({"in.md": "x"})
    (root / "linked").symlink_to(outside, target_is_directory=True)
    vault = load_vault(root, follow_symlinks=True)
    assert paths(vault) == ["in.md", "linked/ext.md"]
    assert [link.target for link in notes_by_path(vault)["linked/ext.md"].links] == ["back"]
    assert vault.problems == []


def test_second_link_to_a_vault_folder_is_reported_not_the_folder(make_vault):
    root = make_vault({"real/n.md": "x"})
    (root / "alias").symlink_to(root / "real", target_is_directory=True)
    vault = load_vault(root)
    assert paths(vault) == ["real/n.md"]
    assert [problem.path for problem in vault.problems] == ["alias"]


def test_symlinked_note_file_is_a_note(make_vault):
    root = make_vault({"a.md": "[[x]]"})
    (root / "b.md").symlink_to(root / "a.md")
    vault = load_vault(root)
    assert paths(vault) == ["a.md", "b.md"]
    assert [link.target for link in notes_by_path(vault)["b.md"].links] == ["x"]


# --- skip rules --------------------------------------------------------------------------------


def test_dot_folders_dot_files_and_node_modules_are_skipped(make_vault):
    root = make_vault(
        {
            "ok.md": "x",
            ".hidden.md": "x",
            ".trash/t.md": "x",
            ".git/g.md": "x",
            "sub/.dot/d.md": "x",
            "node_modules/pkg/readme.md": "x",
            "sub/node_modules/b.md": "x",
            "sub/n.md": "x",
            ".pic.png": b"x",
            "pic.png": b"x",
        }
    )
    vault = load_vault(root)
    assert paths(vault) == ["ok.md", "sub/n.md"]
    assert vault.attachments == ["pic.png"]
    assert vault.problems == []


def test_node_modules_file_is_not_a_folder_rule(make_vault):
    root = make_vault({"node_modules.md": "x"})
    assert paths(load_vault(root)) == ["node_modules.md"]


def test_notes_and_attachments_are_sorted(make_vault):
    root = make_vault(
        {"b.md": "", "a/z.md": "", "A.md": "", "UP.MD": "", "x.canvas": "{}", "img/a.png": b"x"}
    )
    vault = load_vault(root)
    assert paths(vault) == ["A.md", "UP.MD", "a/z.md", "b.md"]
    assert vault.attachments == ["img/a.png", "x.canvas"]


def test_walk_vault_with_a_skip_rule(tmp_path):
    for relative in ["keep.md", "drop/x.md", "dropped.md", "sub/keep.txt"]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("abc", encoding="utf-8")
    result = walk_vault(tmp_path, lambda path: path.startswith("drop"))
    assert [(file.path, file.size, file.is_note) for file in result.files] == [
        ("keep.md", 3, True),
        ("sub/keep.txt", 3, False),
    ]
    assert result.files[0].absolute == str(tmp_path / "keep.md")
    assert result.problems == []


def test_logseq_app_folder_is_skipped(make_vault):
    root = make_vault(
        {
            "logseq/bak/pages/a.md": "- x",
            "logseq/version-files/b.md": "- x",
            "logseq/.recycle/c.md": "- x",
            "logseq/custom.md": "- x",
            "other/logseq/x.md": "- x",
            "pages/ok.md": "- x",
        },
        flavor="logseq",
    )
    vault = load_vault(root)
    assert vault.flavor is Flavor.LOGSEQ
    assert paths(vault) == ["other/logseq/x.md", "pages/ok.md"]


def test_logseq_hidden_paths_match_by_string_prefix(make_vault):
    config = '{:file/name-format :triple-lowbar :hidden ["archive" "/pages/secret/"]}'
    root = make_vault(
        {
            "logseq/config.edn": config,
            "archive/old.md": "- x",
            "archive-2020/old.md": "- x",
            "pages/secret/s.md": "- x",
            "pages/secretive.md": "- x",
            "pages/ok.md": "- x",
            "journals/2022_11_19.md": "- x",
        },
        flavor="logseq",
    )
    vault = load_vault(root)
    assert paths(vault) == ["journals/2022_11_19.md", "pages/ok.md"]
    assert vault.logseq.hidden == ("archive", "pages/secret")
    assert vault.ignored == frozenset()


def test_logseq_rules_do_not_apply_to_an_obsidian_read(make_vault):
    root = make_vault(
        {"logseq/config.edn": '{:hidden ["archive"]}', "archive/a.md": "x", "logseq/bak/b.md": "x"},
        flavor="logseq",
    )
    vault = load_vault(root, flavor=Flavor.OBSIDIAN)
    assert vault.flavor is Flavor.OBSIDIAN
    assert paths(vault) == ["archive/a.md", "logseq/bak/b.md"]


def test_obsidian_ignore_filters_keep_the_notes_but_mark_them(make_vault):
    root = make_vault(
        {
            ".obsidian/app.json": (
                '{"userIgnoreFilters": ["Templates/", "/draft-\\\\d/", "/[/", "", 5]}'
            ),
            "Templates/T.md": "[[x]]",
            "Templates.md": "x",
            "x/draft-1.md": "x",
            "x/draft-a.md": "x",
            "ok.md": "x",
        }
    )
    vault = load_vault(root)
    assert paths(vault) == [
        "Templates.md",
        "Templates/T.md",
        "ok.md",
        "x/draft-1.md",
        "x/draft-a.md",
    ]
    assert vault.ignored == frozenset({"Templates/T.md", "x/draft-1.md"})
    assert [link.target for link in notes_by_path(vault)["Templates/T.md"].links] == ["x"]
    assert vault.problems == []


def test_obsidian_ignore_filter_without_slash_is_a_plain_prefix(make_vault):
    root = make_vault(
        {
            ".obsidian/app.json": '{"userIgnoreFilters": ["Drafts"]}',
            "Drafts/a.md": "x",
            "Drafts-old.md": "x",
            "sub/Drafts/b.md": "x",
        }
    )
    assert load_vault(root).ignored == frozenset({"Drafts/a.md", "Drafts-old.md"})


def test_invalid_obsidian_settings_are_a_vault_problem(make_vault):
    root = make_vault(
        {".obsidian/app.json": '{\n  "userIgnoreFilters": ["a",]\n}', "Templates/T.md": "x"}
    )
    vault = load_vault(root)
    assert vault.ignored == frozenset()
    assert vault.problems == [
        PathProblem(
            ".obsidian/app.json",
            FileProblem(UNREADABLE, "Obsidian settings are not valid JSON: Expecting value", 2, 29),
        )
    ]


def test_obsidian_settings_with_a_bom(make_vault):
    root = make_vault(
        {
            ".obsidian/app.json": codecs.BOM_UTF8 + b'{"userIgnoreFilters": ["T/"]}',
            "T/a.md": "x",
        }
    )
    vault = load_vault(root)
    assert (vault.ignored, vault.problems) == (frozenset({"T/a.md"}), [])


# --- flavour -----------------------------------------------------------------------------------


def test_obsidian_folder_means_obsidian(make_vault):
    root = make_vault({"a.md": "x"}, flavor="obsidian")
    assert detect_flavor(root) is Flavor.OBSIDIAN
    vault = load_vault(root)
    assert (vault.flavor, vault.logseq) == (Flavor.OBSIDIAN, None)


def test_logseq_config_means_logseq(make_vault):
    root = make_vault({"pages/AI___T.md": "- x"}, flavor="logseq")
    assert detect_flavor(root) is Flavor.LOGSEQ
    vault = load_vault(root)
    assert vault.flavor is Flavor.LOGSEQ
    assert vault.logseq == LogseqConfig(name_format="triple-lowbar")
    assert [note.title for note in vault.notes] == ["AI/T"]


def test_logseq_config_without_name_format_means_legacy_names(make_vault):
    root = make_vault({"logseq/config.edn": "{}", "pages/a.b.md": "- x"}, flavor="logseq")
    vault = load_vault(root)
    assert vault.logseq.name_format == "legacy"
    assert [(note.path, note.title) for note in vault.notes] == [("pages/a.b.md", "a/b")]


def test_logseq_journal_in_a_vault(make_vault):
    root = make_vault({"journals/2022_11_19.md": "- x"}, flavor="logseq")
    note = load_vault(root).notes[0]
    assert (note.title, note.journal_date) == ("Nov 19th, 2022", "2022-11-19")


def test_neither_means_obsidian(make_vault):
    root = make_vault({"a.md": "x", "logseq/notes.md": "x"}, flavor="plain")
    assert detect_flavor(root) is Flavor.OBSIDIAN
    vault = load_vault(root)
    assert vault.flavor is Flavor.OBSIDIAN
    assert paths(vault) == ["a.md", "logseq/notes.md"]


@pytest.mark.parametrize("flavor", ["logseq", Flavor.LOGSEQ])
def test_explicit_flavor_overrides_detection(make_vault, flavor):
    root = make_vault({"pages/a___b.md": "- #tag"}, flavor="obsidian")
    vault = load_vault(root, flavor=flavor)
    assert vault.flavor is Flavor.LOGSEQ
    note = vault.notes[0]
    assert note.flavor is Flavor.LOGSEQ
    assert note.title == "a___b"  # no config.edn: Logseq's legacy default
    assert [(link.kind.value, link.target) for link in note.links] == [("tag", "tag")]


def test_explicit_obsidian_on_a_logseq_graph(make_vault):
    root = make_vault({"pages/AI___T.md": "- #tag"}, flavor="logseq")
    vault = load_vault(root, flavor="obsidian")
    assert vault.flavor is Flavor.OBSIDIAN
    assert [(note.title, note.links) for note in vault.notes] == [("AI___T", [])]


def test_unknown_flavor_is_refused(tmp_path):
    with pytest.raises(ValueError, match="roam"):
        load_vault(tmp_path, flavor="roam")


def test_broken_logseq_config_is_a_vault_problem(make_vault):
    root = make_vault({"logseq/config.edn": "{:hidden [", "pages/a.md": "- x"}, flavor="logseq")
    vault = load_vault(root)
    assert vault.flavor is Flavor.LOGSEQ
    assert paths(vault) == ["pages/a.md"]
    assert [(p.path, p.problem.code) for p in vault.problems] == [("logseq/config.edn", UNREADABLE)]
    assert vault.problems[0].problem.message.startswith("logseq/config.edn:1:")


def test_empty_vault(tmp_path):
    vault = load_vault(tmp_path)
    assert (vault.notes, vault.attachments, vault.problems, vault.ignored) == (
        [],
        [],
        [],
        frozenset(),
    )
    assert vault.root == Path(tmp_path)


def test_a_deep_tree_costs_a_realpath_per_link_not_per_folder(tmp_path, monkeypatch):
    root = tmp_path / "vault"
    deep = root.joinpath(*["a"] * 200)
    deep.mkdir(parents=True)
    (deep / "leaf.md").write_text("x", encoding="utf-8")
    (root / "link").symlink_to(root / "a", target_is_directory=True)
    calls: list[str] = []
    real = os.path.realpath

    def counting(path, *args, **kwargs):
        calls.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", counting)
    result = walk_vault(root)
    assert [file.path for file in result.files] == ["/".join(["a"] * 200) + "/leaf.md"]
    assert [problem.path for problem in result.problems] == ["link"]
    assert len(calls) == 2  # the root and the one link
