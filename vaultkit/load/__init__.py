"""Load: find a vault's files, read them safely and parse them, in several processes when
the vault is large. ``vault.load_vault`` is the door; the workspace calls it."""
