"""news-digest: a Pelican plugin turning raw VNA articles into a digest of Vietnam's foreign affairs.

Flow, one way: clean (clean.py) -> tag (tag.py) -> post (posts.py, importer.py) -> site
(taxonomy.py, pages.py, feeds.py). `register` is Pelican's entry point.
"""


def register() -> None:
    from .plugin import register as register_signals

    register_signals()
