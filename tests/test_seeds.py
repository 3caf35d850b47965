"""Reading seed files (seeds.py): encodings, byte-order marks, binary data, size limit, odd files."""

from __future__ import annotations

import codecs
import os
import random
import sys
import time
from pathlib import Path

import pytest
from news_digest.extract.clean import extract
from news_digest.extract.seeds import MAX_SEED_BYTES, SeedError, decode, read_seed_bytes, walk_seeds
from news_digest.posts.importer import process_seed

ARTICLE = (
    "Vietnam, France hold “strategic” dialogue – Café talks\n"
    "Deputy Minister Dang Hoang Giang met Hélène Duchêne of France on October 2.\n"
    "Paris (VNA) – Deputy Minister Dang Hoang Giang met Hélène Duchêne of France on October 2.\n"
    "They agreed to hold the next dialogue in Hanoi./.\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_encodings_decode_to_the_same_text(encoding: str) -> None:
    assert decode(ARTICLE.encode(encoding)) == ARTICLE


def test_latin_1_decodes_correctly() -> None:
    text = "Vietnam, Portugal discuss visit by António Costa\nHélène Duchêne, naïve, garçon, Ærø.\n"
    assert decode(text.encode("latin-1")) == text


def test_utf8_with_stray_cp1252_bytes_keeps_both() -> None:
    data = "“Vietnam” – talks in Café Paris, “again”.\n".encode() + b"\x93quoted\x94 \xe9t\xe9\n"
    assert decode(data) == "“Vietnam” – talks in Café Paris, “again”.\n“quoted” été\n"


def test_byte_order_mark_is_removed() -> None:
    assert decode(codecs.BOM_UTF8 + b"Title\nBody\n") == "Title\nBody\n"
    assert not decode(codecs.BOM_UTF8 + b"Title\nBody\n").startswith("\ufeff")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n", "empty"),
        (codecs.BOM_UTF8, "empty"),
        ("\u00a0\u200b\n \ufeff".encode(), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary"),
        (bytes(b % 31 + 1 for b in random.Random(0).randbytes(2000)), "binary"),
        (bytes(b | 0x80 for b in random.Random(0).randbytes(4000)), "not text"),
        (codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "utf-16"),  # a lone surrogate after the BOM
    ],
    ids=[
        "empty",
        "whitespace",
        "bom-only",
        "invisible-only",
        "png",
        "control-chars",
        "random-bytes",
        "bad-utf16",
    ],
)
def test_unreadable_data_is_rejected_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(SeedError, match=f"(?i){reason}"):
        decode(data)


def test_too_large_file_is_rejected_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 4 GB on paper, nothing on disk
        handle.truncate(4 * 1024**3)
    started = time.perf_counter()
    with pytest.raises(SeedError, match="too large") as error:
        decode(read_seed_bytes(huge))
    assert time.perf_counter() - started < 1
    assert f"{MAX_SEED_BYTES:,}" in str(error.value)


def test_file_at_the_limit_is_read_and_one_byte_over_is_not(tmp_path: Path) -> None:
    body = ("Vietnam and Laos agreed to deepen ties. " * 60_000)[: MAX_SEED_BYTES - 100]
    text = "Title\nLead.\nHanoi (VNA) – " + body
    at_limit = tmp_path / "at-limit.txt"
    at_limit.write_bytes(text.encode().ljust(MAX_SEED_BYTES, b" "))
    assert decode(read_seed_bytes(at_limit)).startswith("Title\n")
    over = tmp_path / "over.txt"
    over.write_bytes(text.encode().ljust(MAX_SEED_BYTES + 1, b" "))
    with pytest.raises(SeedError, match="too large"):
        decode(read_seed_bytes(over))
    with pytest.raises(SeedError, match="too large"):
        decode(over.read_bytes())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_rejected_without_hanging(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    started = time.perf_counter()
    item = process_seed(str(pipe))
    assert time.perf_counter() - started < 5
    assert item.error == "not a regular file (a named pipe)"


def test_directory_and_missing_file_are_reasons_not_exceptions(tmp_path: Path) -> None:
    assert process_seed(str(tmp_path)).error == "not a regular file (a directory)"
    assert process_seed(str(tmp_path / "missing.txt")).error.startswith("cannot read file")


def test_walk_seeds_lists_every_file_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "sub dir").mkdir()
    names = ["b.txt", "a.txt", ".hidden", "sub dir/Bản tin số 1.txt", "z.bin"]
    for name in names:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    listed = [p.relative_to(tmp_path).as_posix() for p, _inside in walk_seeds(tmp_path)]
    assert listed == sorted(listed)
    assert set(listed) == {*names, "dangling"}


def test_crlf_and_old_mac_line_ends_give_the_same_article() -> None:
    unix = extract(decode(ARTICLE.encode()), "a")
    for newline in ("\r\n", "\r"):
        other = extract(decode(ARTICLE.replace("\n", newline).encode("cp1252")), "b")
        assert (other.title, other.lead, other.paragraphs) == (unix.title, unix.lead, unix.paragraphs)
        assert not any("\r" in p for p in [other.title, other.lead, *other.paragraphs])


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems normalise names")
def test_file_names_with_spaces_and_vietnamese_letters(tmp_path: Path) -> None:
    seed = tmp_path / "Bản tin ngoại giao số 1.txt"
    seed.write_text(ARTICLE, encoding="utf-8")
    item = process_seed(str(seed))
    assert item.error is None
    assert item.article.title.startswith("Vietnam, France")
