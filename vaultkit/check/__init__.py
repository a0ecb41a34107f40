"""Check: run the rules over the resolved graph, apply suppression comments and the baseline,
and hand plain ``Problem`` values to ``vaultkit.output``."""
