"""Pelican settings for the published site: `make publish`.

SITEURL comes from the environment, always: the Pages workflow sets it from the Pages
configuration, the self-hosted hook from `digest.siteUrl`, a person with `SITEURL=https://... make
publish`. Without it the build stops, rather than writing a placeholder domain into feeds, the
sitemap, robots.txt and canonical links.
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: SITEURL is not set (or is not an http(s) address). The published site "
        "writes absolute links into its feeds, sitemap and robots.txt, so it needs the address it "
        "will be served at, e.g. `SITEURL=https://digest.example.org make publish`. "
        "For a local preview use `make html` or `make serve`."
    )
RELATIVE_URLS = False
NEWS_DIGEST = {**NEWS_DIGEST, "FEED_SITEURL": SITEURL}  # noqa: F405
