"""news-digest: a Pelican plugin turning raw VNA articles into a digest of Vietnam's foreign affairs.

One subpackage per stage of the one-way flow: `extract/` (seed bytes -> `Article`) -> `tagging/`
(-> `Tags`) -> `posts/` (-> Markdown posts and the import report) -> `site/` (Pelican's articles ->
pages, feeds, charts, search), over shared leaves (`article`, `settings`, `matching`, `data`).
`plugin` is the Pelican glue, `cli` the command line; `register` is Pelican's entry point.
"""


def register() -> None:
    from news_digest.plugin import register as register_signals

    register_signals()
