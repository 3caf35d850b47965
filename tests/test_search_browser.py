"""Search in a real browser: headless Chromium (Selenium) on the built site, served on 127.0.0.1.

Skipped, with the reason, only when Chromium, its driver or Selenium cannot be found
(`apt-get install chromium chromium-driver`, `pip install -e ".[test]"`).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

SEARCH_TIMEOUT = 15  # seconds for the index to load and answer
SERVER_LIFETIME = 300  # the test server stops by itself after this, whatever happens
CEBU_ARTICLE = "/2026/01/vietnam-attends-asean-foreign-ministers-retreat-in-philippines/"
NOWHERE = "zyxwvutsrqx"  # in no article


def chromium_paths() -> tuple[str, str]:
    browser = next(
        (p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium") if p),
        None,
    )
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not browser or not Path(browser).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    if not Path(driver).exists():
        pytest.skip("chromedriver is not installed (apt-get install chromium-driver)")
    return browser, driver


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`python -m http.server` on 127.0.0.1 for at most SERVER_LIFETIME seconds; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            "timeout",
            str(SERVER_LIFETIME),
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the test server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def chrome(javascript: bool = True):
    """A headless Chromium driven by Selenium."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    browser, driver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(options=options, service=Service(driver))


@pytest.fixture(scope="module")
def site(built_site: Path) -> Iterator[str]:
    with serve(built_site / "output") as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    driver = chrome()
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, condition, timeout: float = SEARCH_TIMEOUT):
    """`condition` until it holds; tried again when the page re-rendered what it was reading (the
    results and filters are drawn again as each shard answers)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(
        condition
    )


def results(driver) -> list[tuple[str, str]]:
    from selenium.webdriver.common.by import By

    return [
        (link.get_attribute("href"), link.text)
        for link in driver.find_elements(By.CSS_SELECTOR, "#search-results .result-title a")
    ]


def message(driver) -> str:
    from selenium.webdriver.common.by import By

    found = driver.find_elements(By.ID, "search-status")
    return found[0].text if found else ""


def search_page_query(driver, site: str, query: str) -> None:
    """Types `query` into the search page's own box."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{site}/search/")
    box = wait_for(driver, lambda d: d.find_element(By.ID, "search-q"))
    wait_for(driver, lambda d: box.is_displayed())
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(query)


def tick(driver, name: str) -> bool:
    """Ticks the filter of `name`; False while the filters are not drawn yet."""
    from selenium.webdriver.common.by import By

    for label in driver.find_elements(By.CSS_SELECTOR, "#search-filters .filter-option"):
        if label.text.startswith(name):
            label.click()
            return True
    return False


def test_header_box_finds_the_one_article_naming_cebu(browser, site: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/")
    box = browser.find_element(By.CSS_SELECTOR, 'form[role="search"] input[name="q"]')
    assert box.is_displayed()
    assert box.get_attribute("aria-label") == "Search the articles"
    box.send_keys("Cebu\n")
    wait_for(browser, lambda d: "/search/" in d.current_url)
    assert browser.current_url.endswith("/search/?q=Cebu")
    wait_for(browser, lambda d: results(d) and message(d).startswith("1 result"))
    [(href, title)] = results(browser)
    assert href == site + CEBU_ARTICLE
    assert "Retreat in Philippines" in title
    # The page's own box holds the query, and the result opens the article.
    assert browser.find_element(By.ID, "search-q").get_attribute("value") == "Cebu"
    browser.find_element(By.CSS_SELECTOR, "#search-results .result-title a").click()
    wait_for(browser, lambda d: d.current_url == site + CEBU_ARTICLE)


def test_a_word_in_no_article_finds_nothing(browser, site: str) -> None:
    search_page_query(browser, site, NOWHERE)
    wait_for(browser, lambda d: message(d).startswith("No results"))
    assert results(browser) == []
    assert NOWHERE in message(browser)


def test_every_word_must_be_found_and_common_words_are_said_to_be(browser, site: str) -> None:
    search_page_query(browser, site, f"Cebu {NOWHERE}")
    wait_for(browser, lambda d: message(d).startswith("No results"))
    assert (
        results(browser) == []
        and NOWHERE in message(browser)
        and "Cebu" not in message(browser).split(":")[-1]
    )
    search_page_query(browser, site, "the of and")
    wait_for(browser, lambda d: "too common" in message(d))
    assert results(browser) == []


def test_accents_and_case_do_not_matter(browser, site: str) -> None:
    search_page_query(browser, site, "CÉBU")
    wait_for(browser, lambda d: message(d).startswith("1 result"))
    assert [href for href, _ in results(browser)] == [site + CEBU_ARTICLE]


def test_a_filter_alone_lists_its_articles_newest_first(browser, site: str) -> None:
    browser.get(f"{site}/search/")
    wait_for(browser, lambda d: tick(d, "Philippines"))
    wait_for(browser, lambda d: results(d) and "chosen filters" in message(d))
    hrefs = [href for href, _ in results(browser)]
    assert hrefs[0] == site + CEBU_ARTICLE


def test_country_and_person_filters_are_offered_and_narrow_the_results(browser, site: str) -> None:
    from selenium.webdriver.common.by import By

    search_page_query(browser, site, "ASEAN")
    wait_for(browser, lambda d: len(results(d)) >= 2)
    everything = results(browser)
    panel = browser.find_element(By.ID, "search-filters")
    names = [n.text.split(" (")[0].lower() for n in panel.find_elements(By.TAG_NAME, "summary")]
    assert names == ["country", "person"]

    # Country is open: tick the Philippines, only the Cebu article is left.
    wait_for(browser, lambda d: tick(d, "Philippines"))
    wait_for(browser, lambda d: len(results(d)) < len(everything) and results(d))
    assert [href for href, _ in results(browser)] == [site + CEBU_ARTICLE]


def test_only_article_pages_are_indexed(browser, site: str) -> None:
    # "Malaysia" is the name of a country page and of digest headings; only articles come back.
    search_page_query(browser, site, "Malaysia")
    wait_for(browser, lambda d: len(results(d)) >= 1)
    time.sleep(0.5)  # let every result render
    for href, _ in results(browser):
        path = href.removeprefix(site)
        dated = path.count("/") == 4 and path[1:5].isdigit()
        assert dated or (path.count("/") == 3 and path.startswith("/undated/")), path  # undated: no year


def test_without_javascript_the_box_is_a_link_and_search_says_why(site: str) -> None:
    from selenium.webdriver.common.by import By

    driver = chrome(javascript=False)
    try:
        driver.get(f"{site}/")
        link = driver.find_element(By.CSS_SELECTOR, "nav .nav-search a")
        assert link.is_displayed()
        assert not driver.find_element(By.CSS_SELECTOR, 'form[role="search"] input[name="q"]').is_displayed()
        link.click()
        wait_for(driver, lambda d: d.current_url.endswith("/search/"))
        fallback = driver.find_element(By.ID, "search-fallback")
        assert fallback.is_displayed() and "needs JavaScript" in fallback.text
        hrefs = {a.get_attribute("href") for a in fallback.find_elements(By.TAG_NAME, "a")}
        assert {f"{site}/countries/", f"{site}/people/"} <= hrefs
    finally:
        driver.quit()


def test_a_query_naming_a_country_or_person_offers_its_page(browser, site: str) -> None:
    from selenium.webdriver.common.by import By

    search_page_query(browser, site, "the Philippines")
    wait_for(browser, lambda d: d.find_element(By.ID, "search-pages").is_displayed())
    links = browser.find_elements(By.CSS_SELECTOR, "#search-pages a")
    assert [(a.text, a.get_attribute("href")) for a in links] == [
        ("Philippines", f"{site}/countries/philippines/")
    ]
    assert "(country, 1 article)" in browser.find_element(By.ID, "search-pages").text
    search_page_query(browser, site, "Trung")
    wait_for(browser, lambda d: "Le Hoai Trung" in d.find_element(By.ID, "search-pages").text)
    search_page_query(browser, site, "trade")  # no page is named so
    wait_for(browser, lambda d: message(d) and not message(d).startswith("Searching"))
    time.sleep(0.5)
    assert not browser.find_element(By.ID, "search-pages").is_displayed()
