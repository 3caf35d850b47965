"""Pelican settings for the published site: `make publish`.

SITEURL comes from the environment (the CI workflow sets it from the Pages configuration).
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://vietnam-digest.example.org").rstrip("/")
RELATIVE_URLS = False
NEWS_DIGEST = {**NEWS_DIGEST, "FEED_SITEURL": SITEURL}  # noqa: F405
