"""Extraction time of hostile seeds at the size limit: one 2 MB seed of each kind that has made a
stage slow (thousands of captions, one person named 10,000 times, end markers, very long words...).

Every stage should be linear in its input, so each seed should take a few seconds at most;
`tests/test_linear_time.py` guards the same seeds against a blow-up, this prints the figures.

    .venv/bin/python bench/hostile_seeds.py            # every kind
    .venv/bin/python bench/hostile_seeds.py captions   # one kind
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZE = 2_000_000  # the seed size limit (seeds.MAX_SEED_BYTES)
HEAD = "Vietnam, Laos boost cooperation\nThe two countries agreed to deepen ties.\n"
DATELINE = "Hanoi (VNA) – Prime Minister Pham Minh Chinh met Lao Prime Minister Sonexay Siphandone.\n"


def _fill(unit: Callable[[int], str], size: int = SIZE, tail: str = "Both sides agreed./.\n") -> str:
    """HEAD, DATELINE, then `unit(n)` for n = 0, 1, ... up to about `size` bytes, then `tail`."""
    parts = [HEAD, DATELINE]
    total = sum(len(p.encode()) for p in parts) + len(tail.encode())
    n = 0
    while True:
        part = unit(n)
        total += len(part.encode())
        if total > size - 64:
            break
        parts.append(part)
        n += 1
    parts.append(tail)
    return "".join(parts)


def captions() -> str:
    """Thousands of photo captions, each once or twice, between short paragraphs naming
    countries and people (each country is checked against the captions)."""
    return _fill(
        lambda n: (
            f"Delegates of group {n} at the meeting in Hanoi on March {n % 28 + 1} (Photo: VNA)\n"
            * (1 + n % 2)
            + f"Prime Minister Pham Minh Chinh met Lao Minister Xay Ern{n} of Laos and Japan.\n"
        )
    )


def one_person() -> str:
    """One sentence naming one official, 10,000 times and more."""
    return _fill(lambda n: "Prime Minister Pham Minh Chinh said Vietnam values the partnership. ")


def many_people() -> str:
    """Thousands of distinct officials in VNA's title patterns, each named once."""
    return _fill(
        lambda n: (
            f"Lao Deputy Minister of Foreign Affairs Khamphao Ern{n:05d} met Deputy Minister Vu Tran{n}.\n"
        )
    )


def role_phrases() -> str:
    """Officials and role phrases ("the Party chief") in every sentence."""
    return _fill(lambda n: "Prime Minister Pham Minh Chinh met the Party chief and the UN chief. ")


def shared_short_forms() -> str:
    """Two officials with the same short form, then the short form alone, thousands of times."""
    head = "President Nguyen Van Thanh met Deputy Minister Le Van Thanh of Laos.\n"
    return _fill(lambda n: head if n == 0 else "Thanh said the talks went well. ")


def end_markers() -> str:
    """End markers everywhere: each line ends with "/.", and "/." inside words."""
    return _fill(lambda n: f"Teaser {n} of another article/. a/.b/./.\n", tail="")


def long_words() -> str:
    """A few words of hundreds of kilobytes, without a space."""
    return _fill(lambda n: "Vietnam" + "a" * 100_000 + "\n")


def long_paragraph() -> str:
    """The whole body as one line of short words."""
    return _fill(lambda n: "talks ", tail="./.\n")


def countries() -> str:
    """Every sentence names countries and organisations."""
    return _fill(lambda n: "Vietnam, Laos, Cambodia, Japan and the US joined ASEAN and UN talks. ")


def dates() -> str:
    """Dates and years everywhere."""
    return _fill(lambda n: f"On March {n % 28 + 1}, {1990 + n % 40} and in {2000 + n % 30}, this year. ")


def anniversaries() -> str:
    """One sentence of anniversaries, each with what it counts from, and the event's day recalled
    with a year over and over (each was once looked for to the end of the sentence)."""
    return _fill(
        lambda n: (
            f"the {n % 90 + 1}th anniversary of ties (July 11, {1990 + n % 30}), marking "
            f"{n % 50 + 1} years of ties ({1990 + n % 30}-{1995 + n % 30}) set up on March {n % 28 + 1}, "
            f"{1990 + n % 30} and "
        )
    )


def combining_marks() -> str:
    """Runs of combining marks on every letter."""
    return _fill(
        lambda n: "Vie\u0323\u0302\u0301\u0300\u0303\u0309" * 5 + "t Nam " + "a" + "\u0301" * 200 + "\n"
    )


def lookalikes() -> str:
    """Latin words written with Cyrillic and Greek look-alike letters, in every sentence."""
    return _fill(lambda n: "Vіеtnаm аnd Саnаdа аgrее on ΑSΕΑΝ tаlks. ")


def duplicate_paragraphs() -> str:
    """The same paragraph over and over (duplicated captions are removed: a set, not a scan)."""
    return _fill(lambda n: "The two sides discussed trade and investment cooperation.\n")


KINDS: dict[str, Callable[[], str]] = {
    "captions": captions,
    "one_person": one_person,
    "many_people": many_people,
    "role_phrases": role_phrases,
    "shared_short_forms": shared_short_forms,
    "end_markers": end_markers,
    "long_words": long_words,
    "long_paragraph": long_paragraph,
    "countries": countries,
    "dates": dates,
    "anniversaries": anniversaries,
    "combining_marks": combining_marks,
    "lookalikes": lookalikes,
    "duplicate_paragraphs": duplicate_paragraphs,
}


def extraction_seconds(text: str) -> tuple[float, float, str | None]:
    """Wall-clock and CPU seconds of reading, cleaning, tagging and rendering the post of one seed
    (CPU time: steady when other processes share the machine), and its rejection reason if any."""
    from news_digest.posts.importer import seed_result

    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / "seed.txt"
        seed.write_bytes(text.encode("utf-8")[:SIZE])
        wall, cpu = time.perf_counter(), time.process_time()
        result = seed_result(str(seed), "seeds/seed.txt")[1]
        return time.perf_counter() - wall, time.process_time() - cpu, result.error


def main(argv: list[str]) -> int:
    names = argv or list(KINDS)
    print(f"{'seed (2 MB)':<22} {'wall s':>8} {'cpu s':>8}  result")
    for name in names:
        wall, cpu, error = extraction_seconds(KINDS[name]())
        print(f"{name:<22} {wall:>8.2f} {cpu:>8.2f}  {error or 'published'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
