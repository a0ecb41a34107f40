"""What each app means: Obsidian's and Logseq's own settings, Logseq page names, namespaces
and journal dates. Everything here follows ``SEMANTICS.md`` and nothing here reads a note."""
