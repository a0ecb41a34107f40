"""Speed and memory benchmarks for vaultkit (run by hand: ``python -m benchmarks``)."""
