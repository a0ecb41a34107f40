"""Rewrite one link's target or anchor, keeping everything else exactly as it was written.

A link is changed inside its own source text (``Link.raw``): the heading, block, display text,
the ``!`` of an embed, a table's ``\\|``, a Markdown link's title and angle brackets all stay.
``vaultkit fix`` and ``vaultkit mv`` build their edits here.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from vaultkit.model import Link, LinkKind

_FULLY_ENCODED = re.compile(r"%(?!20)[0-9A-Fa-f]{2}")
_BARE_TAG = re.compile(r"[^\s,#\[\]()\"'`{}]+")


class NotRewritable(ValueError):
    """The link's text is not in a form this module can rewrite safely."""


def _markdown_parts(raw: str) -> tuple[str, str, str]:
    """``[text](dest "title")`` split into ``[text](``, ``dest`` and `` "title")``."""
    opening = raw.rfind("](")
    if opening < 0 or not raw.endswith(")"):
        raise NotRewritable(raw)
    start = opening + 2
    while start < len(raw) - 1 and raw[start] in " \t":
        start += 1
    if raw.startswith("<", start):
        end = raw.find(">", start)
        if end < 0:
            raise NotRewritable(raw)
        end += 1
    else:
        end = start
        while end < len(raw) - 1 and not raw[end].isspace():
            end += 1
    if end == start:
        raise NotRewritable(raw)
    return raw[:start], raw[start:end], raw[end:]


def _wikilink_parts(raw: str) -> tuple[str, str, str]:
    """``raw`` split into what precedes the target, the target as written, and the rest."""
    start = raw.find("[[")
    end = raw.rfind("]]")
    if start < 0 or end < start + 2:
        raise NotRewritable(raw)
    inner = raw[start + 2 : end]
    cut = len(inner)
    for separator in ("#", "|"):
        index = inner.find(separator)
        if 0 <= index < cut:
            cut = index
    if cut and cut < len(inner) and inner[cut] == "|" and inner[cut - 1] == "\\":
        cut -= 1  # a table's escaped pipe: the backslash belongs to the separator
    return raw[: start + 2], inner[:cut], inner[cut:] + raw[end:]


def written_target(link: Link) -> str:
    """The target exactly as the link writes it (``Folder/Note.md``, ``Old%20Name.md``)."""
    if link.kind in (LinkKind.MARKDOWN, LinkKind.IMAGE):
        destination = _markdown_parts(link.raw)[1].strip("<>")
        return destination.split("#", 1)[0]
    if "[[" in link.raw:
        return _wikilink_parts(link.raw)[1]
    return link.raw.lstrip("#")


def with_target(link: Link, target: str) -> str:
    """``link`` rewritten to lead to ``target``, given as it must be written.

    For a Markdown link ``target`` is a path, encoded here in the link's own style (angle
    brackets keep spaces; ``%20`` stays ``%20``; a fully percent-encoded path stays so).
    """
    raw = link.raw
    if link.kind in (LinkKind.MARKDOWN, LinkKind.IMAGE):
        return _markdown_with(raw, target=target)
    if link.kind in (LinkKind.TAG, LinkKind.PROPERTY) and "[[" not in raw:
        if raw.startswith("#"):
            return f"#{target}" if _BARE_TAG.fullmatch(target) else f"#[[{target}]]"
        return target if "," not in target else f"[[{target}]]"
    head, _, rest = _wikilink_parts(raw)
    return head + target + rest


def with_anchor(link: Link, anchor: str) -> str:
    """``link`` rewritten to lead to heading or block ``anchor`` of the same target."""
    raw = link.raw
    if link.kind in (LinkKind.MARKDOWN, LinkKind.IMAGE):
        return _markdown_with(raw, anchor=anchor)
    head, target, rest = _wikilink_parts(raw)
    if not rest.startswith("#"):
        raise NotRewritable(raw)
    end = len(rest) - 2
    for separator in ("\\|", "|"):
        index = rest.find(separator)
        if 0 <= index < end:
            end = index
    return f"{head}{target}#{anchor}{rest[end:]}"


def _markdown_with(raw: str, *, target: str | None = None, anchor: str | None = None) -> str:
    head, destination, tail = _markdown_parts(raw)
    angled = destination.startswith("<")
    inside = destination[1:-1] if angled else destination
    path, hash_sign, old_anchor = inside.partition("#")
    if target is not None:
        path = target if angled else encode_path(target, like=path)
    if anchor is not None:
        hash_sign, old_anchor = "#", anchor if angled else quote(anchor, safe="")
    inside = path + hash_sign + old_anchor
    return head + (f"<{inside}>" if angled else inside) + tail


def encode_path(path: str, like: str = "") -> str:
    """``path`` as a Markdown link destination, percent-encoded the way ``like`` was."""
    if _FULLY_ENCODED.search(like):
        return quote(path, safe="/")
    return path.replace("%", "%25").replace(" ", "%20").replace("(", "%28").replace(")", "%29")
