"""Metadata edits on arbitrary notes, checked by reading the result the way vaultkit reads a note.

``tests/test_edit_frontmatter.py`` models each edit exactly, on notes with a restricted body
(LF or CRLF, UTF-8). Here the note is anything: arbitrary body text (any character but NUL, lone
CRs included), LF, CRLF or CR line ends, UTF-8 with or without BOM, UTF-16 LE or BE, front-matter
in every supported style around arbitrary other keys (quoted text, block scalars, mappings,
comments). For every edit:

* only the intended lines change: at most one line is rewritten and the rest are inserted, all
  inside the front-matter (or a new front-matter block at the top, or the Logseq page-property
  block), and every other byte stays;
* the result, decoded by ``vaultkit.load.read.decode_note`` and parsed by ``parse_note``, has
  the new values: the note's tags include each new tag, its front-matter data (Logseq: page
  property) holds every new value, and every other key reads as before;
* applying the edit again is a no-op.
"""

from __future__ import annotations

import codecs
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vaultkit.edit.document import Document
from vaultkit.edit.frontmatter import add_list_values
from vaultkit.edit.properties import add_property_values
from vaultkit.load.read import decode_note
from vaultkit.model import Flavor, LinkKind, TagSource
from vaultkit.parse.note import parse_note
from vaultkit.parse.properties import split_page_list
from vaultkit.parse.tags import flatten_values

ENCODINGS = {
    "utf-8": b"",
    "utf-8-sig": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}
RESERVED_KEYS = {"tags", "tag", "aliases", "alias", "authors", "title", "vaultkit-disable", "id"}
YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}

LETTER = st.characters(categories=["Lu", "Ll", "Lo"], codec="utf-8")
TAG = st.builds(
    lambda first, rest: first + rest,
    LETTER,
    st.text(LETTER | st.sampled_from("0123456789_-/"), max_size=8),
).filter(lambda tag: tag.lower() not in YAML_WORDS) | st.sampled_from(
    ["tweets", "ai/llm", "to_do", "x-y", "Émigré", "日本", "😀", "C3PO"]
)
HANDLE = st.from_regex(r"[A-Za-z0-9_]{1,12}", fullmatch=True)
LINK = HANDLE.map(lambda handle: f"[[@{handle}]]")
NAME = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True).filter(
    lambda name: name not in RESERVED_KEYS
)
LINE_TEXT = st.text(  # what YAML accepts in a value: no control characters
    st.characters(blacklist_categories=["Cc", "Cs"], blacklist_characters="\ufffe\uffff"),
    max_size=20,
)
BODY = st.text(st.characters(blacklist_characters="\x00", codec="utf-8"), max_size=200)
NEWLINE = st.sampled_from(["\n", "\r\n", "\r"])
DQ, SQ = '"', "'"


def quoted(value: str, quote: str) -> str:
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    if quote == '"':
        return json.dumps(value, ensure_ascii=False)
    return value


@st.composite
def other_entries(draw: st.DrawFn) -> list[list[str]]:
    """Other top-level entries of the front-matter, each a list of lines."""
    entries = []
    for name in draw(st.lists(NAME, max_size=4, unique=True)):
        kind = draw(
            st.sampled_from(
                [
                    "plain",
                    "quoted",
                    "flow",
                    "block",
                    "mapping",
                    "literal",
                    "folded",
                    "number",
                    "date",
                    "empty",
                    "comment",
                ]
            )
        )
        if kind == "plain":
            entries.append([f"{name}: {draw(TAG.filter(lambda v: not v[0].isdigit()))}"])
        elif kind == "quoted":
            quote = draw(st.sampled_from(["'", '"']))
            entries.append([f"{name}: {quoted(draw(LINE_TEXT), quote)}"])
        elif kind == "flow":
            items = draw(st.lists(TAG, max_size=3))
            entries.append([f"{name}: [{', '.join(quoted(item, DQ) for item in items)}]"])
        elif kind == "block":
            indent = draw(st.sampled_from(["", "  ", "    "]))
            items = draw(st.lists(LINE_TEXT, min_size=1, max_size=3))
            entries.append([f"{name}:", *(f"{indent}- {quoted(item, DQ)}" for item in items)])
        elif kind == "mapping":
            entries.append([f"{name}:", f"  sub: {quoted(draw(LINE_TEXT), SQ)}"])
        elif kind in ("literal", "folded"):
            marker = "|" if kind == "literal" else ">-"
            lines = draw(st.lists(LINE_TEXT.map(str.strip).filter(bool), min_size=1, max_size=3))
            entries.append([f"{name}: {marker}", *(f"  {line}" for line in lines)])
        elif kind == "number":
            entries.append([f"{name}: {draw(st.integers(-1000, 10**6))}"])
        elif kind == "date":
            entries.append([f"{name}: {draw(st.dates()).isoformat()}"])
        elif kind == "empty":
            entries.append([f"{name}:"])
        else:
            entries.append([f"# {draw(LINE_TEXT)}"])
    return entries


@st.composite
def front_matter_notes(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """(note text with ``\\n`` line ends, key, values to add)."""
    key = draw(st.sampled_from(["tags", "authors"]))
    value = TAG if key == "tags" else LINK
    styles = ["flow", "block", "empty-key", "absent-key", "empty-front-matter", "none"]
    if key == "tags":
        styles += ["comma", "space"]
    style = draw(st.sampled_from(styles))
    existing = draw(st.lists(value, min_size=2 if style == "space" else 1, max_size=4))
    values = draw(st.lists(value, min_size=1, max_size=3, unique_by=str.casefold))
    quote = draw(st.sampled_from(["'", '"'] if key == "authors" else ["", "'", '"']))
    comment = draw(st.sampled_from(["", " # kept"]))
    if style == "flow":
        target = [f"{key}: [{', '.join(quoted(item, quote) for item in existing)}]{comment}"]
    elif style == "block":
        indent = draw(st.sampled_from(["", " ", "  ", "    "]))
        target = [f"{key}:", *(f"{indent}- {quoted(item, quote)}" for item in existing)]
    elif style in ("comma", "space"):
        joined = (", " if style == "comma" else " ").join(existing)
        target = [f"{key}: {quoted(joined, quote)}{comment}"]
    elif style == "empty-key":
        target = [f"{key}:"]
    else:
        target = []
    body = draw(BODY)
    if style == "none":
        # Not a front-matter fence, a BOM, or TOML / JSON front-matter (tested elsewhere).
        if body.startswith(("---", "\ufeff", "+++", "{")):
            body = "x" + body
        return body, key, values
    if style == "empty-front-matter":
        return f"---\n---\n{body}", key, values
    entries = draw(other_entries())
    position = draw(st.integers(0, len(entries)))
    lines = [
        *(line for entry in entries[:position] for line in entry),
        *target,
        *(line for entry in entries[position:] for line in entry),
    ]
    return "\n".join(["---", *lines, "---", body]), key, values


def encode(text: str, newline: str, encoding: str) -> bytes:
    text = text.replace("\r\n", "\n").replace("\n", newline) if newline != "\n" else text
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    return ENCODINGS[encoding] + text.encode(codec)


def read(data: bytes, flavor: Flavor):
    decoded = decode_note(data)
    assert decoded.text is not None
    return parse_note(decoded.text, "pages/n.md" if flavor is Flavor.LOGSEQ else "n.md", flavor)


def changed_region(before: Document, after: Document) -> tuple[int, list, list]:
    """(first changed index, removed (line, ending) pairs, added pairs)."""
    old = list(zip(before.lines, before.endings, strict=True))
    new = list(zip(after.lines, after.endings, strict=True))
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(old), len(new)) - prefix
        and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]
    ):
        suffix += 1
    return prefix, old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]


def names_of(value: object) -> set[str]:
    if isinstance(value, str):
        return {part.casefold() for part in re.split(r"[,\s]+", value) if part}
    return {item.casefold() for item in flatten_values(value)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    note=front_matter_notes(),
    newline=NEWLINE,
    encoding=st.sampled_from(list(ENCODINGS)),
    final_newline=st.booleans(),
)
def test_front_matter_edit_reads_back_and_touches_nothing_else(
    note, newline, encoding, final_newline
):
    text, key, values = note
    if final_newline:
        text += "\n"
    data = encode(text, newline, encoding)
    before = Document.from_bytes(data)
    doc = Document.from_bytes(data)
    changed = add_list_values(doc, key, values)
    after_bytes = doc.to_bytes()
    old_note = read(data, Flavor.OBSIDIAN)
    if not changed:
        assert after_bytes == data
        present = names_of((old_note.frontmatter.data if old_note.frontmatter else {}).get(key))
        assert {value.casefold() for value in values} <= present
        return
    # Only the intended lines changed.
    prefix, removed, added = changed_region(before, Document.from_bytes(after_bytes))
    assert len(removed) <= 1
    assert added
    fence = next(
        (i for i in range(1, len(before.lines)) if re.fullmatch(r"---[ \t]*", before.lines[i])),
        None,
    )
    if re.fullmatch(r"---[ \t]*", before.lines[0] if before.lines else "") and fence is not None:
        assert prefix >= 1 and prefix + len(removed) <= fence
    else:
        assert prefix == 0 and not removed
        assert added[0][0] == "---" and added[-1][0] == "---"
        assert after_bytes.endswith(data[len(before.bom) :])
    # The result reads back with the new values, and nothing else moved.
    new_note = read(after_bytes, Flavor.OBSIDIAN)
    assert new_note.frontmatter is not None and new_note.frontmatter.error is None
    data_after = new_note.frontmatter.data
    assert {value.casefold() for value in values} <= names_of(data_after.get(key))
    if key == "tags":
        tags = {tag.name.casefold() for tag in new_note.tags if tag.source is TagSource.FRONTMATTER}
        assert {value.casefold() for value in values} <= tags
    else:
        # Values are added case-insensitively: `[[@U]]` is already there as `[[@u]]`.
        targets = {
            link.target.casefold() for link in new_note.links if link.kind is LinkKind.FRONTMATTER
        }
        assert {value[2:-2].casefold() for value in values} <= targets
    data_before = old_note.frontmatter.data if old_note.frontmatter else {}
    assert {k: v for k, v in data_after.items() if k != key} == {
        k: v for k, v in data_before.items() if k != key
    }
    # Applying it again changes nothing.
    again = Document.from_bytes(after_bytes)
    assert add_list_values(again, key, values) is False
    assert again.to_bytes() == after_bytes


# --- Logseq page properties --------------------------------------------------------------------

PAGE = st.from_regex(r"[A-Za-z][A-Za-z0-9 _/-]{0,8}", fullmatch=True).map(str.strip)
PROPERTY_TEXT = st.text(
    st.characters(blacklist_characters="\x00\r\n`", codec="utf-8"), max_size=20
).map(str.strip)
BULLET = st.text(st.characters(blacklist_characters="\x00\r\n", codec="utf-8"), max_size=30)


@st.composite
def property_pages(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    key = draw(st.sampled_from(["tags", "authors"]))
    values = draw(
        st.lists(TAG if key == "tags" else LINK, min_size=1, max_size=3, unique_by=str.casefold)
    )
    layout = draw(st.sampled_from(["bare", "bullet", "none"]))
    body = [f"- {text}" for text in draw(st.lists(BULLET, max_size=4))]
    if layout == "none":
        return "\n".join(body), key, values
    names = draw(st.lists(NAME.filter(lambda name: name != key), max_size=3, unique=True))
    lines = [f"{name}:: {draw(PROPERTY_TEXT)}" for name in names]
    if draw(st.booleans()) or not lines:
        existing = draw(st.lists(PAGE.filter(bool), max_size=3))
        forms = [draw(st.sampled_from(["{}", "[[{}]]", "#{}"])) for _ in existing]
        shown = ", ".join(form.format(name) for form, name in zip(forms, existing, strict=True))
        lines.insert(draw(st.integers(0, len(lines))), f"{key}:: {shown}".rstrip())
    if layout == "bullet":
        lines = [f"- {lines[0]}", *(f"  {line}" for line in lines[1:])]
    gap = [""] if layout == "bare" and draw(st.booleans()) else []
    return "\n".join([*lines, *gap, *body]), key, values


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    page=property_pages(),
    newline=NEWLINE,
    encoding=st.sampled_from(list(ENCODINGS)),
    final_newline=st.booleans(),
)
def test_page_property_edit_reads_back_and_touches_nothing_else(
    page, newline, encoding, final_newline
):
    text, key, values = page
    if final_newline:
        text += "\n"
    data = encode(text, newline, encoding)
    old_note = read(data, Flavor.LOGSEQ)
    before = Document.from_bytes(data)
    doc = Document.from_bytes(data)
    changed = add_property_values(doc, key, values)
    after_bytes = doc.to_bytes()
    wanted = {split_page_list(value)[0][0].casefold() for value in values}
    if not changed:
        assert after_bytes == data
        assert wanted <= {
            name.casefold() for name, _ in split_page_list(old_note.property(key) or "")
        }
        return
    _, removed, added = changed_region(before, Document.from_bytes(after_bytes))
    assert len(removed) <= 1
    if removed:
        line, ending = removed[0]
        if not (ending == "" and added[0][0] == line):  # a last line that gained a line end
            # else a value appended to the property's own line
            assert len(added) == 1 and added[0][0].startswith(line.rstrip())
    new_note = read(after_bytes, Flavor.LOGSEQ)
    assert wanted <= {name.casefold() for name, _ in split_page_list(new_note.property(key) or "")}
    if key == "tags":
        tags = {tag.name.casefold() for tag in new_note.tags if tag.source is TagSource.PROPERTY}
        assert wanted <= tags
    else:
        targets = {link.target.casefold() for link in new_note.links}
        assert wanted <= targets
    assert {p.key: p.value for p in new_note.properties if p.key != key} == {
        p.key: p.value for p in old_note.properties if p.key != key
    }
    again = Document.from_bytes(after_bytes)
    assert add_property_values(again, key, values) is False
    assert again.to_bytes() == after_bytes
