"""Render results: text with rich, json, sarif and GitHub annotations."""
