"""A seeded generator of realistic vaults for benchmarks.

Notes of 2–8 KB in nested folders, front-matter on most of them, 5–30 links per note (names,
paths, headings, block refs, aliases, a few broken), embeds of attachments, fenced code blocks
and inline code holding fake links, tweet URLs. The same seed always gives the same vault.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "vault",
    "note",
    "idea",
    "link",
    "graph",
    "tweet",
    "author",
    "reading",
    "project",
    "draft",
    "meeting",
    "paper",
    "model",
    "data",
    "review",
    "outline",
    "summary",
    "question",
    "answer",
    "source",
    "quote",
    "method",
    "result",
    "claim",
    "evidence",
    "topic",
    "index",
    "journal",
    "habit",
    "garden",
    "write",
    "think",
    "learn",
    "build",
    "test",
    "ship",
    "plan",
    "goal",
    "week",
    "month",
    "year",
]
HANDLES = [f"user_{number}" for number in range(400)]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _name(number: int) -> str:
    return f"Note {number:05d} {WORDS[number % len(WORDS)]}"


def generate_vault(root: Path, notes: int, seed: int = 7) -> Path:
    """Write a vault of ``notes`` notes under ``root`` (an Obsidian vault)."""
    rng = random.Random(seed)
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    folder_count = max(1, notes // 200)
    folders = [
        "/".join(f"{WORDS[(n * 7 + depth) % len(WORDS)]}{n}" for depth in range(n % 3 + 1))
        for n in range(folder_count)
    ]
    folders.append("")
    paths = []
    for number in range(notes):
        folder = folders[number % len(folders)]
        paths.append(f"{folder}/{_name(number)}.md" if folder else f"{_name(number)}.md")
    (root / "attachments").mkdir(exist_ok=True)
    for number in range(max(1, notes // 50)):
        (root / "attachments" / f"figure {number}.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for number, relative in enumerate(paths):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_note_text(rng, number, notes), encoding="utf-8")
    return root


def _link(rng: random.Random, notes: int) -> str:
    target = rng.randrange(notes)
    roll = rng.random()
    if roll < 0.03:
        return f"[[{_name(target)} typo]]"
    if roll < 0.15:
        return f"[[{_name(target)}#Section {rng.randrange(1, 4)}]]"
    if roll < 0.2:
        return f"[[{_name(target)}|see this]]"
    if roll < 0.25:
        return f"[{_name(target)}]({_name(target).replace(' ', '%20')}.md)"
    if roll < 0.28:
        return f"![[figure {rng.randrange(max(1, notes // 50))}.png]]"
    return f"[[{_name(target)}]]"


def _note_text(rng: random.Random, number: int, notes: int) -> str:
    lines: list[str] = []
    if rng.random() < 0.8:
        tags = ", ".join(rng.sample(WORDS, 3))
        lines += ["---", f"tags: [{tags}]", f"aliases: [{_name(number)} alias]", "---"]
    lines += [f"# {_name(number)}", ""]
    links = rng.randint(5, 30)
    target_size = rng.randint(2000, 8000)
    size = 0
    section = 1
    while size < target_size or links > 0:
        roll = rng.random()
        if roll < 0.08:
            lines += ["", f"## Section {section}", ""]
            section += 1
        elif roll < 0.12:
            lines += ["```python", f"x = '[[{_name(rng.randrange(notes))}]]'", "print(x)", "```"]
        elif roll < 0.16:
            handle = rng.choice(HANDLES)
            lines.append(f"- https://twitter.com/{handle}/status/{rng.randrange(10**18)}")
        else:
            text = _sentence(rng, rng.randint(8, 25))
            if links > 0:
                text += " " + _link(rng, notes)
                links -= 1
            if rng.random() < 0.1:
                text += " and `[[code link]]` #" + rng.choice(WORDS)
            lines.append(("- " if rng.random() < 0.3 else "") + text)
        size = sum(len(line) + 1 for line in lines)
    lines.append(f"Closing thought. ^block-{number}")
    return "\n".join(lines) + "\n"
