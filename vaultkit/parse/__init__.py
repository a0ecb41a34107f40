"""Parse one note's text: front-matter, properties, links, tags, headings, block ids and
tweet URLs, never counting what sits in code."""
