import os
import sys
from pathlib import Path

import pytest

from vaultkit.apps.logseq import LogseqConfig, is_hidden, load_logseq_config

DEFAULTS = LogseqConfig(
    name_format="legacy",
    hidden=(),
    pages_directory="pages",
    journals_directory="journals",
    journal_title_format="MMM do, yyyy",
    journal_file_format="yyyy_MM_dd",
)


def write_config(root: Path, text: str | bytes) -> None:
    (root / "logseq").mkdir()
    path = root / "logseq" / "config.edn"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_defaults_match_logseq():
    assert LogseqConfig() == DEFAULTS


def test_missing_config_gives_defaults_and_no_message(tmp_path):
    assert load_logseq_config(tmp_path) == (DEFAULTS, None)


def test_logseq_path_that_is_a_file_counts_as_missing(tmp_path):
    (tmp_path / "logseq").write_text("not a directory", encoding="utf-8")
    assert load_logseq_config(tmp_path) == (DEFAULTS, None)


def test_triple_lowbar_graph(tmp_path):
    write_config(
        tmp_path,
        """;; Logseq config
{:meta/version 1
 :preferred-format "Markdown"
 ;; :hidden ["/not-really"]
 :hidden []
 :journal/page-title-format "yyyy-MM-dd"
 :journal/file-name-format "yyyy-MM-dd"
 :default-queries {:journals []}
 :file/name-format :triple-lowbar}
""",
    )
    config, message = load_logseq_config(tmp_path)
    assert message is None
    assert config == LogseqConfig(
        name_format="triple-lowbar",
        hidden=(),
        journal_title_format="yyyy-MM-dd",
        journal_file_format="yyyy-MM-dd",
    )
    assert type(config.name_format) is str


def test_legacy_graph_has_no_name_format_key(tmp_path):
    write_config(tmp_path, '{:meta/version 1 :journal/page-title-format "MMMM do, yyyy"}')
    config, message = load_logseq_config(tmp_path)
    assert message is None
    assert config == LogseqConfig(name_format="legacy", journal_title_format="MMMM do, yyyy")


@pytest.mark.parametrize(
    "value",
    [":legacy", ":something-else", '"triple-lowbar"', "triple-lowbar", "[:triple-lowbar]"],
)
def test_name_format_other_than_the_triple_lowbar_keyword_is_legacy(tmp_path, value):
    write_config(tmp_path, "{:file/name-format " + value + "}")
    assert load_logseq_config(tmp_path) == (DEFAULTS, None)


def test_hidden_paths_are_normalised(tmp_path):
    write_config(
        tmp_path,
        '{:hidden ["/archived" "assets/private/" "./drafts//old" "/" "" 42 :kw "/archived/"]}',
    )
    config, message = load_logseq_config(tmp_path)
    assert message is None
    assert config.hidden == ("archived", "assets/private", "drafts/old")


def test_directories_are_read_and_normalised(tmp_path):
    write_config(tmp_path, '{:pages-directory "/notes/" :journals-directory "daily"}')
    config, _ = load_logseq_config(tmp_path)
    assert (config.pages_directory, config.journals_directory) == ("notes", "daily")


def test_wrong_typed_values_fall_back_to_defaults(tmp_path):
    write_config(
        tmp_path,
        """{:hidden "/archived"
 :pages-directory 7
 :journals-directory "  "
 :journal/page-title-format :yyyy
 :journal/file-name-format nil
 "file/name-format" :triple-lowbar}""",
    )
    assert load_logseq_config(tmp_path) == (DEFAULTS, None)


def test_byte_order_mark_and_crlf_are_tolerated(tmp_path):
    write_config(tmp_path, b'\xef\xbb\xbf{:file/name-format :triple-lowbar\r\n :hidden ["x"]}\r\n')
    config, message = load_logseq_config(tmp_path)
    assert message is None
    assert (config.name_format, config.hidden) == ("triple-lowbar", ("x",))


def test_invalid_edn_gives_defaults_and_a_positioned_message(tmp_path):
    write_config(
        tmp_path,
        '{:meta/version 1\n :hidden ["/archived"]\n :file/name-format :triple-lowbar}\n    )\n',
    )
    assert load_logseq_config(tmp_path) == (DEFAULTS, "logseq/config.edn:4:5: unexpected ')'")


def test_unclosed_map_message_points_at_the_opener(tmp_path):
    write_config(tmp_path, ";; comment\n  {:hidden []\n")
    assert load_logseq_config(tmp_path) == (DEFAULTS, "logseq/config.edn:2:3: unclosed '{'")


def test_top_level_that_is_not_a_map_is_an_error(tmp_path):
    write_config(tmp_path, "[:file/name-format :triple-lowbar]")
    assert load_logseq_config(tmp_path) == (
        DEFAULTS,
        "logseq/config.edn: expected a map at the top level",
    )


def test_invalid_utf8_is_an_error(tmp_path):
    write_config(tmp_path, b'{:hidden ["\xff"]}')
    assert load_logseq_config(tmp_path) == (
        DEFAULTS,
        "logseq/config.edn: not valid UTF-8 (byte 11)",
    )


def test_config_that_is_a_directory_is_an_error(tmp_path):
    (tmp_path / "logseq" / "config.edn").mkdir(parents=True)
    config, message = load_logseq_config(tmp_path)
    assert config == DEFAULTS
    assert message is not None
    assert message.startswith("logseq/config.edn: cannot read: ")


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions as non-root"
)
def test_unreadable_config_is_an_error(tmp_path):
    write_config(tmp_path, "{}")
    (tmp_path / "logseq" / "config.edn").chmod(0)
    assert load_logseq_config(tmp_path) == (
        DEFAULTS,
        "logseq/config.edn: cannot read: Permission denied",
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("archived", True),
        ("archived/old.md", True),
        ("archived/deeper/old.md", True),
        ("/archived/old.md", True),
        ("archived-2020/old.md", True),
        ("pages/archived/old.md", False),
        ("Archived/old.md", False),
        ("assets/private/img.png", True),
        ("assets/private", True),
        ("assets/public/img.png", False),
        ("assets", False),
        ("", False),
    ],
)
def test_is_hidden(path, expected):
    config = LogseqConfig(hidden=("archived", "assets/private"))
    assert is_hidden(path, config) is expected


def test_nothing_is_hidden_without_hidden_paths():
    assert is_hidden("archived/old.md", LogseqConfig()) is False
