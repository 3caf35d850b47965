"""Incremental output: a page is rendered again only when what it shows has changed.

Every page (or group of pages, such as a term and its pagination) is written under a key with
a fingerprint of its inputs: the articles it lists, by their own fingerprints, and whatever else
it shows. The ledger of the last build (in CACHE_PATH) maps each key to its fingerprint and its
files. A page whose fingerprint and files are as the ledger says is left alone; any other is
rendered and recorded. At the end, files the last build wrote and this one did not (the pages of
a removed seed, a month no article is in any more) are deleted, so the output is what a build
from scratch would write.

Every fingerprint also holds a salt: the plugin's code and data, the theme's templates, the
settings and Pelican's version, so that changing any of them renders everything again. Without a
ledger for this output folder (first build, cache removed), the output folder is emptied first.

Faults: the ledger keeps each file's size, hash and time, so a file changed outside the build
(or left half-written) is rendered again, not only a missing one. A build marks its ledger as in
progress when it starts (a file beside it) and clears the mark when it saves the ledger at the
end: a build that was killed, or failed, is followed by one from an empty output folder, since
what it wrote and removed is unknown. A ledger that cannot be read, or is of the wrong shape, is
reported and treated as missing (the same), never a crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.writers import Writer

from news_digest.atomic import write_atomic
from news_digest.hashing import (
    PACKAGE_DIR,
    PAGE_DIGEST_SIZE,
    add_files,
    file_stamp,
    file_sum,
    package_files,
    value_digest,
)
from news_digest.site import pelican_cache

log = logging.getLogger(__name__)

LEDGER_NAME = "news-digest-pages.json"
RUNNING_NAME = "news-digest-pages.running"  # exists while a build runs: see `Ledger.open`
LEDGER_VERSION = 3
# A file whose size and modification time are those the ledger recorded is taken as unchanged
# without reading it, unless that time is this close to when the ledger was saved: a later edit
# in the same tick of the file system's clock would leave it the same (git's "racily clean").
RACY_NS = 2_000_000_000


def build_salt(settings: dict[str, Any]) -> str:
    """What every page depends on besides its own inputs."""
    import pelican

    digest = hashlib.blake2b(digest_size=PAGE_DIGEST_SIZE)
    digest.update(f"{LEDGER_VERSION} {pelican.__version__}".encode())
    add_files(digest, package_files(), PACKAGE_DIR)
    theme = Path(settings.get("THEME", ""))
    if theme.is_dir():
        add_files(digest, theme.rglob("*.html"), theme)
    try:
        text = json.dumps(settings, sort_keys=True, default=lambda o: type(o).__name__)
    except TypeError:  # keys of mixed types: order them as strings
        text = json.dumps(
            {str(k): v for k, v in settings.items()}, sort_keys=True, default=lambda o: type(o).__name__
        )
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


Entry = tuple[str, list[str]]  # a page's fingerprint and its files
Sums = dict[str, tuple[int, str, int | None]]  # file -> (size, hash, modification time in ns)


class LedgerShapeError(ValueError):
    pass


def _parse_pages(pages: object) -> tuple[dict[str, Entry], Sums]:
    """The pages of a ledger's JSON, checked; `LedgerShapeError` for anything of the wrong shape.
    (Version 1 listed file names alone: they are known, to be removed, but none is fresh.)"""
    if not isinstance(pages, dict):
        raise LedgerShapeError("'pages' is not an object")
    entries: dict[str, Entry] = {}
    sums: Sums = {}
    for key, value in pages.items():
        if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
            raise LedgerShapeError(f"page {key!r} is not [fingerprint, files]")
        if not isinstance(value[1], list):
            raise LedgerShapeError(f"the files of page {key!r} are not a list")
        files = []
        for item in value[1]:
            if isinstance(item, str):
                files.append(item)
            elif (
                isinstance(item, list)
                and len(item) in (3, 4)
                and isinstance(item[0], str)
                and isinstance(item[1], int)
                and isinstance(item[2], str)
                and (len(item) == 3 or isinstance(item[3], int))
            ):
                files.append(item[0])
                sums[item[0]] = (item[1], item[2], item[3] if len(item) == 4 else None)
            else:
                raise LedgerShapeError(f"a file of page {key!r} is not [name, size, hash, time]")
        for name in files:
            if name.startswith("/") or ".." in name.split("/") or not name:
                raise LedgerShapeError(f"a file of page {key!r} is outside the output: {name!r}")
        entries[key] = (value[0], files)
    return entries, sums


@dataclass
class Ledger:
    """The pages of one build of one output folder, against those of the last build."""

    output: Path
    path: Path
    salt: str
    previous: dict[str, Entry] = field(default_factory=dict)
    current: dict[str, Entry] = field(default_factory=dict)
    sums: Sums = field(default_factory=dict)  # of the files of the last build
    saved_ns: int = 0  # when the last build's ledger was saved
    rendered: int = 0
    kept: int = 0
    removed: int = 0
    had_ledger: bool = False
    problem: str | None = None  # why the ledger was not used: unreadable, interrupted build
    _writing: list[str] | None = None
    _checked: set[str] = field(default_factory=set)  # files of kept pages: their sums hold
    _written: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, output: Path, cache: Path, salt: str) -> Ledger:
        """The ledger of the last build of `output`; marks this build as in progress."""
        ledger = cls(output=output.resolve(), path=cache / LEDGER_NAME, salt=salt)
        running = ledger.path.with_name(RUNNING_NAME)
        try:
            text = ledger.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = None
        except (OSError, ValueError) as error:
            text, ledger.problem = None, f"cannot read it ({error})"
        if running.exists():
            ledger.problem = "the last build did not finish (killed, or failed)"
        elif text is not None:
            ledger._load(text, salt)
        if ledger.problem:
            log.warning("news-digest: ledger of pages %s: %s; output rebuilt", ledger.path, ledger.problem)
        cache.mkdir(parents=True, exist_ok=True)
        running.write_text(f"{os.getpid()}\n", encoding="utf-8")
        return ledger

    def _load(self, text: str, salt: str) -> None:
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise LedgerShapeError("not a JSON object")
            if data.get("output") != str(self.output):
                return  # another output folder's: not this one's
            pages, sums = _parse_pages(data.get("pages", {}))
        except (ValueError, RecursionError) as error:
            self.problem = f"unreadable or of the wrong shape ({error})"
            return
        self.had_ledger = True
        same_salt = data.get("salt") == salt
        # With another salt nothing is fresh, but the old files are still known (to remove).
        self.previous = {k: (v[0] if same_salt else "", v[1]) for k, v in pages.items()}
        self.sums = sums
        saved = data.get("saved_ns")
        self.saved_ns = saved if isinstance(saved, int) else 0

    def _fresh(self, files: list[str]) -> bool:
        """The files are there and as the last build wrote them: the same size, and the same
        modification time well before the ledger was saved, or else the same hash."""
        for name in files:
            known = self.sums.get(name)
            if known is None:
                return False
            target = self.output / name
            try:
                stat = target.stat()
            except OSError:
                return False
            if stat.st_size != known[0]:
                return False
            untouched = stat.st_mtime_ns == known[2] and stat.st_mtime_ns < self.saved_ns - RACY_NS
            if untouched:
                continue
            if file_sum(target) != known[:2]:
                return False
            self.sums[name] = (*known[:2], stat.st_mtime_ns)  # touched, not changed: the new time
        return True

    def page(self, key: str, inputs: object | None, write: Callable[[], Any]) -> bool:
        """Write the page(s) under `key` with `write()` unless they are fresh; True if written.

        `inputs=None` means always write (the page is cheap, or shows everything).
        """
        digest = value_digest((self.salt, inputs)) if inputs is not None else ""
        old = self.previous.get(key)
        if digest and old and old[0] == digest and self._fresh(old[1]):
            self.current[key] = old
            self._checked.update(old[1])
            self.kept += 1
            return False
        outer, self._writing = self._writing, []
        try:
            write()
            files = self._writing
        finally:
            self._writing = outer
        self.current[key] = (digest, sorted(set(files)))
        if outer is not None:
            outer.extend(files)
        self.rendered += 1
        return True

    def wrote(self, path: str | os.PathLike[str]) -> None:
        """A file was written (Pelican's `content_written` signal, or our own writes)."""
        if self._writing is None:
            return
        target = Path(path)
        if not target.is_absolute():
            target = self.output / target
        if not target.is_relative_to(self.output):  # a link in the way, or a file not ours
            target = target.resolve()
        with contextlib.suppress(ValueError):
            name = target.relative_to(self.output).as_posix()
            self._writing.append(name)
            self._written.add(name)

    def digest(self, key: str) -> str:
        """The fingerprint this build recorded for `key` ("" if not written yet)."""
        return self.current.get(key, ("", []))[0]

    def sweep(self, prefix: str = "") -> int:
        """Delete files of the last build's pages under `prefix` that this build did not make."""
        keep = {f for _digest, files in self.current.values() for f in files}
        stale = {
            f for key, (_d, files) in self.previous.items() if key.startswith(prefix) for f in files
        } - keep
        for name in sorted(stale):
            target = self.output / name
            try:
                target.unlink()
            except FileNotFoundError:
                continue
            self.removed += 1
            _remove_empty_parents(target.parent, self.output)
        return len(stale)

    def save(self) -> None:
        """Record this build's pages, with the size and hash of their files, and clear the mark of
        a build in progress: the build finished."""
        pages = {}
        for key, (digest, files) in sorted(self.current.items()):
            listed = []
            for name in files:
                checked = name in self._checked and name not in self._written
                found = self.sums.get(name) if checked else None
                found = found or file_stamp(self.output / name)
                if found is not None:  # a file written, then removed: nothing to check next time
                    listed.append([name, *found[:2]] + ([found[2]] if found[2] is not None else []))
            pages[key] = [digest, listed]
        data = {"version": LEDGER_VERSION, "output": str(self.output), "salt": self.salt}
        data |= {"saved_ns": time.time_ns(), "pages": pages}
        write_atomic(self.path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        self.path.with_name(RUNNING_NAME).unlink(missing_ok=True)


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


# -- the ledger of the build in progress, and Pelican's side -----------------------------------

_active: Ledger | None = None


def active() -> Ledger | None:
    return _active


def begin(pelican: Any) -> Ledger:
    """Open the ledger of this run (`get_generators`: once per run, `make serve` included)."""
    global _active
    settings = pelican.settings
    output = Path(pelican.output_path)
    cache = Path(settings["CACHE_PATH"])
    _active = Ledger.open(output, cache, build_salt(settings))
    pelican_cache.check(cache, bool(settings.get("GZIP_CACHE", True)))  # before Pelican loads them
    content = Path(pelican.path).resolve()
    holds_content = output.resolve() == content or output.resolve() in content.parents
    if (
        not (_active.had_ledger or holds_content or settings.get("DELETE_OUTPUT_DIRECTORY"))
        and output.is_dir()
    ):
        # Files of unknown origin: start from an empty folder, as a first build would.
        from pelican.utils import clean_output_dir

        clean_output_dir(str(output), settings.get("OUTPUT_RETENTION", []))
    return _active


def end() -> Ledger | None:
    """Remove what the last build wrote and this one did not; keep the ledger for the next."""
    global _active
    ledger, _active = _active, None
    if ledger is not None:
        ledger.sweep()
        ledger.save()
        pelican_cache.record(ledger.path.parent)
        log.info(
            "news-digest: %d page groups rendered, %d unchanged, %d stale files removed",
            ledger.rendered,
            ledger.kept,
            ledger.removed,
        )
    return ledger


def note_written(path: str, context: Any = None) -> None:
    """`signals.content_written`."""
    if _active is not None:
        _active.wrote(path)


def page_inputs(name: str, template_name: str | None, kwargs: dict[str, Any]) -> tuple[str, object | None]:
    """The ledger key and inputs of a page Pelican writes (an article, the index), or ours."""
    explicit = kwargs.pop("digest_inputs", None)
    article = kwargs.get("article")
    if article is not None:
        digest = _digest(article)
        return f"article:{name}", digest.page_inputs if digest else None
    if explicit is None and template_name == "index" and "articles" in kwargs:
        fingerprints = [d.fingerprint if d else None for d in map(_digest, kwargs["articles"])]
        explicit = None if None in fingerprints else ("index", fingerprints)
    return f"page:{name}", explicit


def _digest(article: Any) -> Any:
    """`article.digest` (site/model.py), or None for an article the plugin did not link (a hidden
    one): its page is always written."""
    return getattr(article, "digest", None)


class DigestWriter(Writer):
    """Pelican's writer, skipping pages whose inputs have not changed since the last build."""

    def write_file(  # type: ignore[override]
        self,
        name: str,
        template: Any,
        context: dict[str, Any],
        relative_urls: bool = False,
        paginated: dict[str, Any] | None = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        key, inputs = page_inputs(name, template_name, kwargs)

        def write() -> None:
            super(DigestWriter, self).write_file(
                name,
                template,
                context,
                relative_urls,
                paginated,
                template_name,
                override_output,
                url,
                **kwargs,
            )

        ledger = active()
        if ledger is None or not name:
            write()
        else:
            ledger.page(key, inputs, write)
