"""Text normalisation (normalise.py, seeds.decode): look-alike letters, combining marks, stray
bytes in UTF-8, a title of symbols only."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from news_digest.extract.clean import ExtractionError, extract
from news_digest.extract.normalise import fold_lookalikes, normalise
from news_digest.extract.seeds import decode
from news_digest.posts.importer import import_seeds

# Cyrillic а е і о с, Greek Α Ε Ν Ο: each looks like a Latin letter.
CYRILLIC = {"a": "\u0430", "e": "\u0435", "i": "\u0456", "o": "\u043e", "c": "\u0441", "C": "\u0421"}
GREEK = {"A": "\u0391", "E": "\u0395", "N": "\u039d", "O": "\u039f", "o": "\u03bf"}


def disguise(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


BODY = (
    "Hanoi (VNA) – Vietnam and Canada agreed on October 3, 2025 to expand trade and education ties.\n"
    "Both sides welcomed the growth of two-way trade./.\n"
)


@pytest.mark.parametrize("table", [CYRILLIC, GREEK], ids=["cyrillic", "greek"])
@pytest.mark.parametrize(
    "text", ["Vietnam, Canada agree to boost ties", "ASEAN Economic Community", "Ottawa conference"]
)
def test_latin_words_in_look_alike_letters_read_as_latin(table: dict[str, str], text: str) -> None:
    assert normalise(disguise(text, table)) == text


def test_a_word_of_another_script_is_not_made_latin() -> None:
    # "Москва": в has no Latin look-alike, so this is Russian, not disguised Latin: left alone
    # (the cleaning drops letters of other scripts, as before).
    assert fold_lookalikes("Москва") == "Москва"
    assert fold_lookalikes("Ιndia") == "India"  # Greek capital iota: I, not Unicode's skeleton l


def test_a_disguised_title_is_published_whole_and_is_the_same_article_as_its_twin(tmp_path: Path) -> None:
    title = "Vietnam, Canada agree to boost trade ties"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a-latin.txt").write_text(f"{title}\n{BODY}", encoding="utf-8")
    (seeds / "b-disguised.txt").write_text(f"{disguise(title, CYRILLIC)}\n{BODY}", encoding="utf-8")
    assert extract(decode((seeds / "b-disguised.txt").read_bytes()), "b").title == title
    import_seeds(seeds, tmp_path / "posts", tmp_path / "report.json")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [e["title"] for e in report["published"]] == [title]
    assert report["duplicates"] == [{"seed": "seeds/b-disguised.txt", "duplicate_of": "seeds/a-latin.txt"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vie\u0323\u0302t Nam", "Việt Nam"),  # decomposed Vietnamese: two marks, kept
        ("Nguyễn Phú Trọng", "Nguyễn Phú Trọng"),
        ("a" + "\u0301" * 200 + "b", "áb"),  # a run of 200 marks: two at most, here one
        ("e" + "\u0302\u0323\u0301\u0300\u0303\u0309" + "x", unicodedata.normalize("NFC", "e\u0302\u0323x")),
        ("2025\u0301\u0301 talks", "2025 talks"),  # marks on a digit: none
        ("\u0301\u0301\u0301start", "start"),
    ],
)
def test_combining_marks_are_limited_to_what_latin_and_vietnamese_need(text: str, expected: str) -> None:
    assert normalise(text) == unicodedata.normalize("NFC", expected)


def test_marks_never_pile_up_on_an_article_page() -> None:
    marks = "\u0301" * 50
    article = extract(f"Vietnam{marks}, Laos talks\n{BODY}", "x")
    decomposed = unicodedata.normalize("NFD", article.title)
    runs = "".join("m" if unicodedata.combining(c) else " " for c in decomposed).split()
    assert max(map(len, runs), default=0) <= 2


def test_stray_bytes_in_utf8_are_read_one_by_one_not_the_whole_file_in_a_code_page() -> None:
    text = "Vietnam – Canada talks in Montréal\n" + "A long paragraph of plain English text. " * 40 + "\n"
    data = text.encode("utf-8")
    damaged = data[:200] + b"\x9d\x81" + data[200:400] + b"\xff\xfe" + data[400:]
    decoded = decode(damaged)
    assert decoded.startswith("Vietnam – Canada talks in Montréal\n")  # not "â€“", not "Ã©"
    assert len(decoded) <= len(text) + 4


def test_a_file_in_a_legacy_code_page_is_still_read_as_such() -> None:
    text = "Vietnam – Canada talks in Montréal, “again”\n" * 20
    assert decode(text.encode("cp1252")) == text


@pytest.mark.parametrize("title", ["🇻🇳🤝🇨🇦", "★ ★ ★", "🔥🔥🔥 ✈"])
def test_a_title_of_only_emoji_or_symbols_is_a_rejection_with_its_reason(title: str) -> None:
    with pytest.raises(ExtractionError, match="title line is only emoji or symbols"):
        extract(f"{title}\nVietnam and Canada agree to boost ties.\n{BODY}", "x")


@pytest.mark.parametrize(
    "before",
    ["URL: https://en.vietnamplus.vn/x\n", "\u200b\u00a0\n", "Chơi nổ hũ tk88 ngay\n", "\n\n"],
    ids=["header", "invisible", "spam", "blank"],
)
def test_lines_before_the_title_that_the_cleaning_drops_are_no_title(before: str) -> None:
    article = extract(f"{before}Vietnam, Canada agree\nThe two agreed.\n{BODY}", "x")
    assert article.title == "Vietnam, Canada agree"
