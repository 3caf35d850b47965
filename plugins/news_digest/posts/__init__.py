"""Posts stage: every seed -> a Markdown post, a duplicate, or a rejection (the import)."""
