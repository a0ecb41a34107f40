"""vaultkit's own configuration: ``.vaultkit.toml`` and the pattern languages it accepts
(globs, and the owner's regular expressions, both kept linear)."""
