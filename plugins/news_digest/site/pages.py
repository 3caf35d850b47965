"""Our pages: countries, organisations, people, monthly digests, feeds, sitemap, robots.txt."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pelican.generators import Generator

from news_digest.settings import digest_settings
from news_digest.site import incremental
from news_digest.site.charts import build_charts
from news_digest.site.feeds import build_feed, write_feed
from news_digest.site.flags import FOLDER as FLAGS
from news_digest.site.flags import flag_codes, flag_source, licence_source
from news_digest.site.model import Site, Term, build_site, is_undated
from news_digest.site.search import FOLDER as SEARCH_FOLDER
from news_digest.site.sitemap import robots_txt, sitemap_files
from news_digest.site.structured import article_json_ld
from news_digest.tagging.gazetteer import gazetteer

log = logging.getLogger(__name__)


class NewsDigestGenerator(Generator):
    """Renders the pages and feeds of `taxonomy.Site` with templates from our theme."""

    def generate_context(self) -> None:
        self.ours = digest_settings(self.settings)
        articles = self.context.get("articles", [])
        self.site: Site = self.context.get("digest_site") or build_site(articles)
        latest = self.site.months[0] if self.site.months else None
        self.context.update(
            digest_site=self.site,
            digest_months=self.site.months,
            latest_month=latest,
            digest_charts=build_charts(self.site, self.ours),
            article_listing=listing_renderer(),
            article_json_ld=article_json_ld,
            flag_codes=flag_codes(self.site.countries),
            search_index=f"{SEARCH_FOLDER}/" if self.ours["SEARCH"] else None,
            feed_all_rss=self.site.all_feeds["rss"],
            feed_all_atom=self.site.all_feeds["atom"],
        )

    @property
    def feed_siteurl(self) -> str:
        return self.settings.get("SITEURL") or self.ours["FEED_SITEURL"]

    def generate_output(self, writer: Any) -> None:
        site = self.site
        # The pages about the whole archive change with any article (and are one page each).
        everything = ("site", _fingerprints(self.context.get("articles", [])))
        self._write_indexes(writer, everything)
        self._write_world_map(everything)
        self._write_flags()
        self._write_people_pages(writer, everything)
        for year, months in years_of(site.months):
            inputs = ("year", year, [(m.key, len(m.articles)) for m in months])
            self._write(
                writer,
                "year.html",
                f"{year:04d}/index.html",
                f"{year:04d}/",
                year=year,
                year_months=months,
                digest_inputs=inputs,
            )
        for term in [*site.countries.values(), *site.organisations.values()]:
            self._write_term(writer, "country.html", term)
        for term in site.people.values():
            self._write_term(writer, "person.html", term)
        self._write_months(writer)
        if self.ours["SEARCH"]:
            inputs = ("search", self.context["search_index"])
            self._write(writer, "search.html", "search/index.html", "search/", digest_inputs=inputs)
        self._write_feeds()
        self._write_sitemap(everything)

    def _write_indexes(self, writer: Any, everything: object) -> None:
        """The lists of countries, months and organisations, and the 404 page."""
        self._write(writer, "countries.html", "countries/index.html", "countries/", digest_inputs=everything)
        self._write(
            writer,
            "digests.html",
            "digest/index.html",
            "digest/",
            months=self.site.months,
            digest_inputs=everything,
        )
        self._write(
            writer,
            "organisations.html",
            "organisations/index.html",
            "organisations/",
            digest_inputs=everything,
        )
        self._write(writer, "404.html", "404.html", "404.html", digest_inputs=("404",))

    def _write_months(self, writer: Any) -> None:
        """Each month's digest and its /YYYY/MM/ page; the digest of the undated articles."""
        site = self.site
        # Articles per month of the whole archive: every digest page draws it.
        archive = [(m.key, len(m.articles)) for m in site.months] if self.context["digest_charts"] else None
        # The undated articles: one listing beside the months, linked from the digests page.
        for month in [*site.months, *([site.undated] if site.undated.articles else [])]:
            inputs = (
                month.key,
                _fingerprints(month.articles),
                [(m.key if m else None) for m in (month.previous, month.next)],
                [_ranked(month.country_terms), _ranked(month.people_terms)],
                archive,
            )
            self._write(
                writer,
                "digest.html",
                month.save_as,
                month.url,
                paginated={"articles": month.articles},
                month=month,
                digest_inputs=inputs,
            )
            if month.undated:  # filed under no year and no month: no /YYYY/MM/ page
                continue
            self._write(
                writer,
                "month.html",
                f"{month.year:04d}/{month.month:02d}/index.html",
                f"{month.year:04d}/{month.month:02d}/",
                paginated={"articles": month.articles},
                month=month,
                digest_inputs=("month", *inputs[:2]),  # no links to other months: not their keys
            )

    def _write(self, writer: Any, template: str, save_as: str, url: str, paginated=None, **extra) -> None:
        writer.write_file(
            save_as,
            self.get_template(template.removesuffix(".html")),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated=paginated,
            template_name=template.removesuffix(".html"),
            url=url,
            page_url=url,
            **extra,
        )

    def _write_people_pages(self, writer: Any, inputs: object) -> None:
        """`/people/`, in pages of PEOPLE_PER_PAGE names (A to Z), so that no page grows without
        bound with the archive (a 10,000-article archive names about 5,000 people)."""
        people = sorted(self.site.people.values(), key=lambda t: (t.name.lower(), t.name))
        self._write(
            writer,
            "people.html",
            "people/index.html",
            "people/",
            paginated={"articles": people},
            people_sorted=people,
            digest_inputs=inputs,
        )

    def _write_flags(self) -> None:
        """The flags of the countries with pages, and their licence: only the files used."""
        output = Path(self.output_path) / FLAGS
        sources = {f"{code.lower()}.svg": flag_source(code) for code in self.context["flag_codes"]}
        sources["LICENSE"] = licence_source()
        for name, source in sorted(sources.items()):

            def write(name: str = name, source: Path = source) -> None:
                output.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, output / name)
                self._wrote(output / name)

            self._page(f"flag:{name}", (name, source.stat().st_size), write)

    def _write_world_map(self, inputs: object) -> None:
        charts = self.context["digest_charts"]
        if not charts or charts.world_map is None:
            return
        document = charts.world_document
        path = Path(self.output_path) / "countries" / "world.svg"

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(document, encoding="utf-8")
            self._wrote(path)

        self._page("world-map", (inputs, document), write)

    def _write_term(self, writer: Any, template: str, term: Term) -> None:
        top = term.related.most_common(10)
        if term.kind == "person":
            countries, people = [(self.site.countries[code], n) for code, n in top], []
        else:
            countries, people = [], [(self.site.people[name], n) for name, n in top]
        charts = self.context["digest_charts"]
        country_page = self.site.countries.get(term.code or "")
        inputs = (
            template,
            term.kind,
            term.key,
            term.name,
            term.url,
            term.feed_url,
            term.region,
            term.code,
            country_page.url if country_page else None,
            _fingerprints(term.articles),
            _ranked(countries or people),
            charts.span if charts and term.latest else None,  # its chart's time axis (none if all undated)
        )
        self._write(
            writer,
            template,
            term.save_as,
            term.url,
            paginated={"articles": term.articles},
            term=term,
            related_people=people,
            related_countries=countries,
            feed_rss=term.feed_url,
            digest_inputs=inputs,
        )

    def _write_feeds(self) -> None:
        output = Path(self.output_path)
        gaz = gazetteer()
        names = {code: c.name for code, c in gaz.countries.items()}
        common = {
            "siteurl": self.feed_siteurl,
            "country_names": names,
            "max_items": self.ours["FEED_MAX_ITEMS"],
            # The date of a feed of undated articles only: the site's newest dated article's.
            "fallback": next((a.date for a in self.context.get("articles", []) if not is_undated(a)), None),
        }
        sitename = self.settings.get("SITENAME", "News digest")
        articles = self.context.get("articles", [])
        limit = self.ours["FEED_MAX_ITEMS"]
        feeds = [
            (
                self.site.all_feeds[kind],
                kind,
                {
                    "title": sitename,
                    "description": self.settings.get("SITESUBTITLE") or sitename,
                    "page_url": "",
                },
                articles,
            )
            for kind in ("atom", "rss")
        ]
        feeds += [
            (
                term.feed_save_as,
                "rss",
                {
                    "title": f"{term.name} — {sitename}",
                    "description": f"Vietnam's foreign affairs: articles naming {term.name}",
                    "page_url": term.url,
                },
                term.articles,
            )
            for term in [*self.site.countries.values(), *self.site.people.values()]
        ]
        for save_as, kind, about, items in feeds:

            def write(save_as=save_as, kind=kind, about=about, items=items) -> None:
                feed = build_feed(feed_url=save_as, articles=items, kind=kind, **about, **common)
                self._wrote(write_feed(feed, output, save_as, kind))

            inputs = (save_as, kind, about, common["siteurl"], limit, _fingerprints(items[:limit]))
            inputs += (str(common["fallback"]),)
            self._page(f"feed:{save_as}", inputs, write)

    def _write_sitemap(self, inputs: object) -> None:
        """sitemap.xml of every HTML page we and Pelican wrote (split past sitemap.MAX_URLS), and
        robots.txt pointing to it."""
        siteurl = self.feed_siteurl
        articles = self.context.get("articles", [])
        urls = [""] + [a.digest.url for a in articles]
        urls += ["countries/", "people/", "digest/", "organisations/"]
        urls += [f"{year:04d}/" for year, _ in years_of(self.site.months)]
        urls += [f"{m.year:04d}/{m.month:02d}/" for m in self.site.months]
        urls += [t.url for t in [*self.site.countries.values(), *self.site.organisations.values()]]
        urls += [t.url for t in self.site.people.values()] + [m.url for m in self.site.months]
        urls += [self.site.undated.url] if self.site.undated.articles else []
        # An undated article has no date to give (its Pelican date only orders it).
        lastmod = {a.digest.url: a.date.date().isoformat() for a in articles if not is_undated(a)}
        files = sitemap_files([(url, lastmod.get(url)) for url in urls], siteurl)
        output = Path(self.output_path)

        def write(texts: dict[str, str]) -> Callable[[], None]:
            def write_files() -> None:
                for name, text in texts.items():
                    (output / name).write_text(text, encoding="utf-8")
                    self._wrote(output / name)

            return write_files

        self._page("sitemap", inputs, write(files))
        robots = robots_txt(siteurl)
        self._page("robots", robots, write({"robots.txt": robots}))

    def _page(self, key: str, inputs: object | None, write: Callable[[], None]) -> None:
        """Write a file of our own through the ledger of the build (incremental.py)."""
        ledger = incremental.active()
        if ledger is None:
            write()
        else:
            ledger.page(key, inputs, write)

    @staticmethod
    def _wrote(*paths: Path) -> None:
        ledger = incremental.active()
        for path in paths:
            if ledger is not None:
                ledger.wrote(path)


def years_of(months: list[Any]) -> list[tuple[int, list[Any]]]:
    """(year, its months newest first), newest year first, from the site's months (newest first)."""
    years: dict[int, list[Any]] = {}
    for month in months:
        years.setdefault(month.year, []).append(month)
    return list(years.items())


def _fingerprints(articles: list[Any]) -> list[str]:
    return [a.digest.fingerprint for a in articles]


def _ranked(items: list[tuple[Term, int]]) -> list[tuple[str, str, int]]:
    return [(term.name, term.url, count) for term, count in items]


def listing_renderer() -> Callable[..., Markup]:
    """`article_listing(article)` for the templates: the `article_item` macro of `_macros.html`,
    rendered once per article and SITEURL (pages at the same depth share their relative SITEURL)
    instead of once on each of the dozen pages that list the article."""
    rendered: dict[tuple[int, str], Markup] = {}
    modules: dict[tuple[int, str], Any] = {}

    @pass_context
    def article_listing(context: Context, article: Any) -> Markup:
        siteurl = context.get("SITEURL", "")
        key = (id(article), siteurl)
        html = rendered.get(key)
        if html is None:
            module_key = (id(context.environment), siteurl)
            module = modules.get(module_key)
            if module is None:
                template = context.environment.get_template("_macros.html")
                module = modules[module_key] = template.make_module({"SITEURL": siteurl})
            html = rendered[key] = Markup(module.article_item(article))
        return html

    return article_listing
