"""Reports over the graph: orphans, backlinks, outgoing links and statistics."""
