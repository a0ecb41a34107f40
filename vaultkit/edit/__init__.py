"""The edit pipeline: plan byte edits, verify them by re-parsing, show a diff, write
atomically. Every command that writes goes through it."""
