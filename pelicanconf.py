"""Pelican settings for local work: `make html`, `make serve`."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

AUTHOR = "News Digest"
SITENAME = "Vietnam Foreign Affairs Digest"
SITESUBTITLE = "Vietnam's diplomacy, by country and by official, from Vietnam News Agency reports"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_digest"]
NEWS_DIGEST = {
    "SEEDS_PATH": str(ROOT / "seeds"),
    "REPORT_PATH": str(ROOT / "import-report.json"),
    "FEED_MAX_ITEMS": 50,
}

# Article text is data: autoescape everything; templates mark our own HTML safe explicitly.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
# Only the metadata extension: article bodies are escaped Markdown paragraphs, nothing more.
MARKDOWN = {"extension_configs": {"markdown.extensions.meta": {}}, "output_format": "html5"}
FORMATTED_FIELDS: list[str] = []

# URLs are a public interface (see DESIGN.md).
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_SAVE_AS = "index.html"
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DIRECT_TEMPLATES = ["index"]

# Countries and people have their own pages (the plugin); Pelican's taxonomies are off.
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""

# Feeds are written by the plugin (feedgen), once each; Pelican's own are off.
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = TAG_FEED_ATOM = TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "md5"
CACHE_PATH = "cache"
# Pages are rendered again only when what they show changed, and the pages of a removed seed are
# deleted (plugins/news_digest/site/incremental.py): output/ is not emptied before each build.
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION: list[str] = []
# One language: no translations to pair up (Pelican's pairing warns about every shared slug).
ARTICLE_TRANSLATION_ID = None
