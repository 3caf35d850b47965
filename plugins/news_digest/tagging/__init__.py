"""Tagging stage: `Article` -> `Tags` (countries, organisations, officials with roles)."""
