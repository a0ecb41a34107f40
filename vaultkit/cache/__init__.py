"""The caches the workspace keeps beside a vault: parsed notes, check results and the
incremental snapshot. A cache that does not match exactly is a miss, never an error."""
