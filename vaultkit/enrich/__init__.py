"""Enrich: derive tags and author pages from tweet URLs, as an edit plan."""
