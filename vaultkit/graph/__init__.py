"""The link graph: resolve every link with Obsidian's or Logseq's rules, and answer
backlinks, broken and ambiguous links, orphans and suggestions."""
