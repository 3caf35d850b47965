"""Our pages: countries, organisations, people, monthly digests, feeds, sitemap, robots.txt."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pelican.generators import Generator

from .charts import build_charts
from .feeds import absolute, build_feed, write_feed
from .gazetteer import gazetteer
from .taxonomy import Site, Term, build_site

log = logging.getLogger(__name__)


class NewsDigestGenerator(Generator):
    """Renders the pages and feeds of `taxonomy.Site` with templates from our theme."""

    def generate_context(self) -> None:
        from .plugin import digest_settings

        self.ours = digest_settings(self.settings)
        articles = self.context.get("articles", [])
        self.site: Site = self.context.get("digest_site") or build_site(articles)
        latest = self.site.months[0] if self.site.months else None
        self.context.update(
            digest_site=self.site,
            digest_months=self.site.months,
            latest_month=latest,
            digest_charts=build_charts(self.site, self.ours),
            feed_all_rss="feeds/all.rss.xml",
            feed_all_atom="feeds/all.atom.xml",
        )

    @property
    def feed_siteurl(self) -> str:
        return self.settings.get("SITEURL") or self.ours["FEED_SITEURL"]

    def generate_output(self, writer: Any) -> None:
        site = self.site
        self._write(writer, "countries.html", "countries/index.html", "countries/")
        self._write(writer, "people.html", "people/index.html", "people/")
        self._write(writer, "digests.html", "digest/index.html", "digest/", months=site.months)
        for term in [*site.countries.values(), *site.organisations.values()]:
            self._write_term(writer, "country.html", term)
        for term in site.people.values():
            self._write_term(writer, "person.html", term)
        for month in site.months:
            self._write(writer, "digest.html", month.save_as, month.url, month=month)
        if self.ours["SEARCH"]:
            self._write(writer, "search.html", "search/index.html", "search/")
        self._write_feeds()
        self._write_sitemap()

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

    def _write_term(self, writer: Any, template: str, term: Term) -> None:
        top = term.related.most_common(10)
        if term.kind == "person":
            countries, people = [(self.site.countries[code], n) for code, n in top], []
        else:
            countries, people = [], [(self.site.people[name], n) for name, n in top]
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
        )

    def _write_feeds(self) -> None:
        output = Path(self.output_path)
        gaz = gazetteer()
        names = {code: c.name for code, c in gaz.countries.items()}
        people_urls = {name: t.url for name, t in self.site.people.items()}
        common = {
            "siteurl": self.feed_siteurl,
            "country_names": names,
            "person_urls": people_urls,
            "max_items": self.ours["FEED_MAX_ITEMS"],
        }
        sitename = self.settings.get("SITENAME", "News digest")
        articles = self.context.get("articles", [])
        for kind in ("atom", "rss"):
            everything = build_feed(
                title=sitename,
                description=self.settings.get("SITESUBTITLE") or sitename,
                page_url="",
                feed_url=f"feeds/all.{kind}.xml",
                articles=articles,
                kind=kind,
                **common,
            )
            write_feed(everything, output, f"feeds/all.{kind}.xml", kind)
        for term in [*self.site.countries.values(), *self.site.people.values()]:
            feed = build_feed(
                title=f"{term.name} — {sitename}",
                description=f"Vietnam's foreign affairs: articles naming {term.name}",
                page_url=term.url,
                feed_url=term.feed_url,
                articles=term.articles,
                **common,
            )
            write_feed(feed, output, term.feed_save_as, "rss")

    def _write_sitemap(self) -> None:
        """sitemap.xml of every HTML page we and Pelican wrote, and robots.txt pointing to it."""
        siteurl = self.feed_siteurl
        urls = [""] + [a.digest_url for a in self.context.get("articles", [])]
        urls += ["countries/", "people/", "digest/"]
        urls += [t.url for t in [*self.site.countries.values(), *self.site.organisations.values()]]
        urls += [t.url for t in self.site.people.values()] + [m.url for m in self.site.months]
        lastmod = {a.digest_url: a.date.date().isoformat() for a in self.context.get("articles", [])}
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        ]
        for url in urls:
            mod = f"<lastmod>{lastmod[url]}</lastmod>" if url in lastmod else ""
            lines.append(f"  <url><loc>{escape(absolute(siteurl, url))}</loc>{mod}</url>")
        lines.append("</urlset>")
        output = Path(self.output_path)
        (output / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        robots = f"User-agent: *\nAllow: /\nSitemap: {absolute(siteurl, 'sitemap.xml')}\n"
        (output / "robots.txt").write_text(robots, encoding="utf-8")
