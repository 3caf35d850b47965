"""Deterministic generator of realistic raw VNA articles, for the benchmark.

`generate(n, seed=0)` returns `n` (file name, raw text) pairs modelled on the samples in
`seeds/`: an optional spam line, the title, the lead, a (often duplicated) caption ending in
`(Photo: VNA)`, an image file name, the dateline paragraph `Hanoi (VNA) – ...` with injected
emoji and symbols, 5-25 body paragraphs naming countries (every code in `countries.toml`),
organisations, registry officials and invented foreign officials in VNA's title patterns,
short forms ("Trung", "PM Chinh"), the end marker `/.`, then teasers of other articles.

Dates spread over four years (2022-2025): the dateline paragraph gives the month and day;
most articles have a caption with the full date, some say the year only as "this year"
(inferred), some never give it (unknown). A few percent are exact duplicates, noise-only
duplicates (same article, different spam, emoji, teasers and layout) and re-scrapes (same
title, one paragraph edited). Titles come from templates, so some collide.

    python bench/generate.py 1000 /tmp/seeds [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "plugins" / "news_digest" / "data"
START = dt.date(2022, 1, 1)
DAYS = 4 * 365  # 2022-01-01 .. 2025-12-31
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# -- name pools for invented officials, by region -------------------------------------------

GIVEN = {
    "Africa": "Amina Kwame Fatou Ibrahim Chidi Nomvula Tendai Abebe Moussa Aissatou Kofi Wanjiru "
    "Samuel Thandiwe Yaw Adama Zainab Emmanuel Halima Olusegun",
    "Americas": "Carlos Maria Jose Ana Luis Gabriela Jorge Fernanda Diego Lucia Ricardo Valentina "
    "Eduardo Camila Andres Paula Mauricio Rosa Javier Beatriz",
    "Europe": "Anna Peter Thomas Katarzyna Lars Elena Marco Sophie Jan Ingrid Mikhail Petra Stefan "
    "Laura Andrei Eva Nikolaos Helena Matteo Olga",
    "Middle East": "Ahmed Fatima Mohammed Layla Khalid Noura Omar Rania Hassan Yasmin Ali Salma Faisal "
    "Huda Tariq Yousef Dina Saeed Amal Karim",
    "Rest of Asia": "Arjun Priya Takeshi Yuki Rahim Sabina Bakyt Aigerim Tenzin Dilnoza Sanjay Kenji "
    "Aiko Nurlan Anil Batbayar Farhan Sunita Hiroshi Gulnara",
    "Southeast Asia": "Somchai Siti Rizal Kanya Sokha Aung Thida Bounmy Ramon Nur Ahmad Pich Malee Dewi "
    "Budi Chanthy Soe Arif Kittipong Intan",
    "Oceania": "Sione Mele Tevita Aroha Liam Olivia Ratu Losana Kalani Mere Tavita Jack Ana Manasa "
    "Kiri Noa Timote Salote Wiremu Hine",
}
FAMILY = {
    "Africa": "Odhiambo Mensah Diallo Traore Okonkwo Dlamini Moyo Tesfaye Kamara Ndiaye Banda Mwangi "
    "Kone Achieng Boateng Nkosi Sow Keita Mutua Phiri",
    "Americas": "Rodriguez Gonzalez Fernandez Lopez Martinez Perez Gomez Silva Santos Herrera Castillo "
    "Morales Vargas Rojas Mendoza Ortega Ramirez Torres Navarro Cabrera",
    "Europe": "Novak Schmidt Andersen Kowalski Rossi Dubois Horvath Popescu Jensen Lindqvist Petrov "
    "Muller Bernard Nielsen Papadopoulos Kovac Varga Lehmann Bianchi Virtanen",
    "Middle East": "Haddad Nasser Khalil Rahman Aziz Saleh Farouk Hamdan Qasim Mahmoud Darwish Khoury "
    "Suleiman Bakr Habib Mansour Jaber Hakim Sabri Tamimi",
    "Rest of Asia": "Sharma Tanaka Kim Park Hossain Suzuki Choi Karimov Dorji Patel Yamamoto Sato Bekov "
    "Gupta Chowdhury Tsedev Aliyev Perera Nakamura Iskakov",
    "Southeast Asia": "Wongsakul Santos Sokhom Kyaw Phommachanh Reyes Hamid Chea Myint Pratama Tan Lim "
    "Bounthavy Srisuk Hashim Sopheak Thein Wijaya Rattana Mendoza",
    "Oceania": "Taufa Tuilagi Vaea Kaufusi Naivalu Tapsell Ngata Fifita Latu Tupou Rabuka Waqa Tamihana "
    "Moana Tiko Havili Sopoaga Kata Nawaqa Parata",
}
VN_SURNAMES = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong", "Ly"]
VN_MIDDLE = ["Van", "Thi", "Minh", "Duc", "Thanh", "Hong", "Quoc", "Huu", "Ngoc", "Xuan"]
VN_GIVEN = "Hung Lan Tuan Hai Anh Nam Thu Long Dung Hoa Phuong Khanh Quan Tam Vinh Yen".split()  # noqa: SIM905

CAPITALS = {
    "LA": "Vientiane",
    "KH": "Phnom Penh",
    "TH": "Bangkok",
    "MY": "Kuala Lumpur",
    "SG": "Singapore",
    "ID": "Jakarta",
    "PH": "Manila",
    "MM": "Yangon",
    "BN": "Bandar Seri Begawan",
    "TL": "Dili",
    "CN": "Beijing",
    "JP": "Tokyo",
    "KR": "Seoul",
    "IN": "New Delhi",
    "RU": "Moscow",
    "FR": "Paris",
    "DE": "Berlin",
    "GB": "London",
    "US": "Washington",
    "AU": "Canberra",
    "NZ": "Wellington",
    "KE": "Nairobi",
    "NG": "Abuja",
    "ZA": "Pretoria",
    "EG": "Cairo",
    "BR": "Brasilia",
    "AR": "Buenos Aires",
    "MX": "Mexico City",
    "CU": "Havana",
    "CL": "Santiago",
    "IT": "Rome",
    "ES": "Madrid",
    "BE": "Brussels",
    "CH": "Geneva",
    "AE": "Abu Dhabi",
    "SA": "Riyadh",
}
FIELDS = [
    "trade",
    "investment",
    "defence",
    "security",
    "education",
    "training",
    "agriculture",
    "fisheries",
    "tourism",
    "energy",
    "digital transformation",
    "innovation",
    "science and technology",
    "culture",
    "health care",
    "transport",
    "labour",
    "climate change response",
    "semiconductors",
    "green transition",
    "logistics",
]
PARTNERSHIPS = [
    "Comprehensive Strategic Partnership",
    "Strategic Partnership",
    "Comprehensive Partnership",
    "traditional friendship",
    "multifaceted cooperation",
]
EMOJI = [
    "\U0001f9d4",
    "\u2665",
    "\ua9ce",
    "\U0001f4ae",
    "\U0001f310",
    "\u2606",
    "\U0001f680",
    "\u262f",
    "\U0001f49e",
    "\u2728",
    "\U0001f4b0",
    "\u2b50",
    "\U0001f1fb",
    "\u200b",
    "\ufeff",
]
SPAM = [
    "tk88 bet",
    "bet88 nhà cái uy tín",
    "{w88}|{w88}|{w88}|",
    "fun88 casino",
    "kubet - link vào",
    "188bet",
    "8xbet slot game",
    "jun88 cá cược",
]
GENERIC = [
    "Lifelong learning must be seen not only as an individual need but also as the key to raising "
    "intellectual standards, building human resources, and driving innovation and breakthroughs.",
    "The programme to eliminate temporary and dilapidated houses has achieved notable results, with "
    "nearly {k},000 housing units addressed to date across the nation.",
    "The Chairman stressed the need for stricter fiscal discipline, faster digital transformation, and "
    "more efficient management of State budget revenues and expenditures.",
    "Stronger efforts and determination are required to achieve and surpass the set targets, especially "
    "in the acceleration of public investment disbursement.",
    "The Party chief attributed the achievements in the first half to the continuous, direct, and "
    "comprehensive leadership of the Politburo and the Secretariat.",
    "The country is willing to participate in collective efforts to promote cooperation and mobilise "
    "resources to advance the current priority issues of developing countries.",
]


# -- the data the plugin ships: countries, organisations, people ----------------------------


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    region: str
    demonym: str | None


@dataclass(frozen=True)
class Person:
    name: str
    short: str
    title: str  # as VNA writes it before the name
    country: str | None


@cache
def load() -> tuple[list[Country], list[str], list[Person], dict[str, list[Person]]]:
    countries_data = tomllib.loads((DATA / "countries.toml").read_text("utf-8"))
    countries = [
        Country(code, e["name"], e["region"], (e.get("demonyms") or [None])[0])
        for code, e in countries_data.items()
        if code not in ("exclude", "VN")
    ]
    orgs = [
        o["name"] for o in tomllib.loads((DATA / "organisations.toml").read_text("utf-8"))["organisation"]
    ]
    vietnamese: list[Person] = []
    foreign: dict[str, list[Person]] = {}
    for p in tomllib.loads((DATA / "people.toml").read_text("utf-8"))["person"]:
        words = [w for w in p["name"].split() if w not in ("Jr.", "Sr.")]
        order = p.get("name_order", "western")
        short = p.get("short") or (words[0] if order in ("malay", "chinese") else words[-1])
        if order == "mononym":
            short = p["name"]
        person = Person(p["name"], short, (p.get("roles") or ["Official"])[0], p.get("country"))
        if p.get("country") == "VN":
            if p["name"] not in ("Ho Chi Minh", "Nguyen Phu Trong"):
                vietnamese.append(person)
        elif p.get("country"):
            foreign.setdefault(p["country"], []).append(person)
    return countries, orgs, vietnamese, foreign


def _pool(region: str, kind: dict[str, str]) -> list[str]:
    return kind.get(region, kind["Europe"]).split()


@cache
def country_officials(code: str, seed: int) -> tuple[Person, ...]:
    """A country's recurring officials: registry people first, then three invented ones."""
    countries, _orgs, _vn, foreign = load()
    country = next(c for c in countries if c.code == code)
    rng = random.Random(f"officials-{seed}-{code}")
    given, family = _pool(country.region, GIVEN), _pool(country.region, FAMILY)
    dem = country.demonym
    titles = [
        f"{dem} Foreign Minister" if dem else f"Minister of Foreign Affairs of {country.name}",
        f"{dem} Prime Minister" if dem else f"Prime Minister of {country.name}",
        f"{dem} Ambassador to Vietnam" if dem else f"Ambassador of {country.name} to Vietnam",
        f"{dem} Minister of Trade" if dem else f"Minister of Trade of {country.name}",
    ]
    invented = []
    for title in titles:
        name = f"{rng.choice(given)} {rng.choice(family)}"
        invented.append(Person(name, name.split()[-1], title, code))
    return (*foreign.get(code, []), *invented)


def vietnamese_ambassador(code: str, seed: int) -> Person:
    rng = random.Random(f"vn-ambassador-{seed}-{code}")
    name = f"{rng.choice(VN_SURNAMES)} {rng.choice(VN_MIDDLE)} {rng.choice(VN_GIVEN)}"
    countries = load()[0]
    country = next(c for c in countries if c.code == code)
    return Person(name, name.split()[-1], f"Vietnamese Ambassador to {country.name}", "VN")


# -- one article: content first (what survives cleaning), then noise -------------------------


@dataclass
class Spec:
    """What a reader sees once the article is cleaned; `render` adds the scraping noise."""

    title: str
    lead: str | None
    dateline: str
    paragraphs: list[str]  # body, the first is the dateline paragraph's text
    captions: list[tuple[int, str]]  # (paragraph index it precedes, caption text)
    date: dt.date
    image: str | None
    header: str | None = None
    teasers: list[list[str]] = field(default_factory=list)


def _date_words(date: dt.date) -> str:
    return f"{MONTHS[date.month - 1]} {date.day}"


class Writer:
    """Builds one article's content with a content-only random generator."""

    def __init__(self, rng: random.Random, seed: int, date: dt.date, index: int) -> None:
        countries, orgs, vietnamese, _foreign = load()
        self.rng, self.seed, self.date = rng, seed, date
        # Every code appears: a third of the articles cycle through all of them.
        if rng.random() < 0.35:
            self.country = countries[index % len(countries)]
        else:
            weights = [
                6 if c.region == "Southeast Asia" else 3 if c.region == "Rest of Asia" else 1
                for c in countries
            ]
            self.country = rng.choices(countries, weights)[0]
        others = [c for c in countries if c.code != self.country.code]
        self.others = rng.sample(others, rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0])
        self.orgs = rng.sample(orgs, rng.randint(0, 3))
        self.vn = rng.choice(vietnamese[:24])  # leaders and ministers
        self.partner = rng.choice(country_officials(self.country.code, seed))
        self.ambassador = vietnamese_ambassador(self.country.code, seed)
        self.bag: list[int] = []

    def pick(self, items):
        return self.rng.choice(items)

    def c2(self) -> Country:
        return self.others[0] if self.others else self.pick(load()[0])

    def org(self) -> str:
        return self.pick(self.orgs) if self.orgs else "ASEAN"

    def dem(self, country: Country | None = None) -> str:
        country = country or self.country
        return country.demonym or f"{country.name}’s"

    def vn_short(self) -> str:
        if self.vn.title == "Prime Minister" and self.rng.random() < 0.5:
            return f"PM {self.vn.short}"
        return self.vn.short

    def fields(self, k: int = 3) -> str:
        chosen = self.rng.sample(FIELDS, k)
        return ", ".join(chosen[:-1]) + " and " + chosen[-1]

    def one_off(self) -> str:
        country = self.pick([self.country, *self.others])
        rng = self.rng
        name = f"{rng.choice(_pool(country.region, GIVEN))} {rng.choice(_pool(country.region, FAMILY))}"
        dem = country.demonym or country.name
        return self.pick(
            [
                f"Chairman of the {dem} Chamber of Commerce and Industry {name}",
                f"{dem} Deputy Minister of Agriculture {name}",
                f"Director General of the {dem} Investment Agency {name}",
                f"Speaker of the {dem} Parliament {name}",
                f"{name}, President of the {country.name} - Vietnam Friendship Association,",
            ]
        )

    # -- titles and leads --------------------------------------------------------------------

    def title(self) -> str:
        c, d, p = self.country, self.dem(), self.partner
        vt = self.vn.title
        return self.pick(
            [
                f"Vietnam, {c.name} agree to deepen bilateral ties",
                f"Vietnam, {c.name} seek stronger cooperation in {self.pick(FIELDS)}",
                f"{vt} receives {d} {p.title.split()[-1].lower()}",
                f"{vt} holds talks with {p.title} {p.name}",
                f"Vietnam treasures {self.pick(PARTNERSHIPS)} with {c.name}: {vt}",
                f"{c.name} wants to boost {self.pick(FIELDS)} links with Vietnam: {p.title.split()[-1]}",
                f"Vietnamese, {d} officials discuss {self.pick(FIELDS)} cooperation",
                f"{self.org()} meeting: Vietnam, {c.name} pledge closer coordination",
                f"Vietnam-{c.name} relations elevated to {self.pick(PARTNERSHIPS)}",
                f"{vt} {self.vn.name} meets {d} leaders in {CAPITALS.get(c.code, c.name)}",
            ]
        )

    def dateline_text(self) -> str:
        when = f"on {_date_words(self.date)}"
        c, p, v = self.country, self.partner, self.vn
        return self.pick(
            [
                f"{v.title} {v.name} held talks with {p.title} {p.name} in Hanoi {when}, during which "
                f"the two sides agreed to further deepen the Vietnam - {c.name} relationship.",
                f"Vietnam will continue to actively support {c.name} in {self.pick(FIELDS)} and "
                f"{self.pick(FIELDS)}, {v.title} {v.name} affirmed {when}.",
                f"{v.title} {v.name} received {p.title} {p.name} in Hanoi {when}, spotlighting the "
                f"{self.pick(PARTNERSHIPS)} between the two countries.",
                f"A Vietnamese delegation, led by {v.title} {v.name}, attended the {self.org()} meeting in "
                f"{CAPITALS.get(c.code, c.name)}, {c.name}, {when}.",
            ]
        )

    def caption(self, full_date: bool) -> str:
        v, p = self.vn, self.partner
        where = "Hanoi" if self.rng.random() < 0.7 else CAPITALS.get(self.country.code, self.country.name)
        when = f" on {_date_words(self.date)}, {self.date.year}" if full_date else ""
        side = self.pick(["right", "left", "R", "L", "centre"])
        return self.pick(
            [
                f"{v.title} {v.name} ({side}) meets with {p.title} {p.name} in {where}{when}. (Photo: VNA)",
                f"The talks between {v.title} {v.name} and {p.title} {p.name} in {where}{when}. (Photo: VNA)",
                f"At the reception in {where}{when}. (Photo: VNA)",
            ]
        )

    # -- body ---------------------------------------------------------------------------------

    def sentence(self) -> str:
        """A sentence from the article's bag of templates: no template twice until all are used."""
        if not self.bag:
            self.bag = list(range(len(SENTENCES)))
            self.rng.shuffle(self.bag)
        return SENTENCES[self.bag.pop()](self)

    def _invented(self, country: Country) -> str:
        rng = self.rng
        return f"{rng.choice(_pool(country.region, GIVEN))} {rng.choice(_pool(country.region, FAMILY))}"

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.choice((1, 2, 2, 3))))

    def spec(self, date_kind: str) -> Spec:
        rng = self.rng
        body_text = self.dateline_text()
        lead = body_text if rng.random() < 0.75 else (self.paragraph() if rng.random() < 0.8 else None)
        paragraphs = [body_text] + [self.paragraph() for _ in range(rng.randint(4, 24))]
        if date_kind == "inferred":
            at = rng.randint(1, len(paragraphs) - 1)
            paragraphs.insert(
                at,
                "The two countries will hold the next round of consultations later this year, as "
                f"{self.date.year} marks a milestone in the Vietnam - {self.country.name} relationship.",
            )
        captions = [(0, self.caption(full_date=date_kind == "full"))]
        if rng.random() < 0.4:
            captions.append((rng.randint(1, len(paragraphs) - 1), self.caption(full_date=False)))
        place = "Hanoi" if rng.random() < 0.75 else CAPITALS.get(self.country.code, "Hanoi")
        image = None
        if rng.random() < 0.4:
            slug = "-".join(self.vn.name.lower().split())
            image = self.pick(
                [f"vna-potal-{slug}-{rng.randint(10**6, 10**7)}.jpg", f"{self.vn.name.lower()}.webp"]
            )
        header = f"Published: {self.date.isoformat()}" if rng.random() < 0.02 else None
        return Spec(self.title(), lead, place, paragraphs, captions, self.date, image, header)

    def teaser(self) -> list[str]:
        return [self.caption(full_date=self.rng.random() < 0.5), self.title(), self.paragraph()]


def _talks(w: Writer) -> str:
    return (
        f"During the talks, {w.vn_short()} affirmed that Vietnam attaches great importance to its "
        f"{w.pick(PARTNERSHIPS)} with {w.country.name} and wishes to expand cooperation in {w.fields()}."
    )


def _response(w: Writer) -> str:
    return (
        f"In response, {w.partner.short} said {w.country.name} considers Vietnam a key partner in "
        f"{w.c2().region} and is ready to work closely with Vietnam in {w.fields(2)}."
    )


def _trade(w: Writer) -> str:
    rng, year = w.rng, w.date.year
    return (
        f"Two-way trade between Vietnam and {w.country.name} reached "
        f"{rng.randint(1, 90)}.{rng.randint(0, 9)} billion USD in {year - 1}, up {rng.randint(2, 40)}% "
        f"from {year - 2}, and both sides aim to raise it to {rng.randint(5, 150)} billion USD by {year + 5}."
    )


def _multilateral(w: Writer) -> str:
    return (
        "The two sides agreed to continue close coordination and mutual support at multilateral forums, "
        f"especially the {w.org()} and the {w.pick(load()[1])}."
    )


def _east_sea(w: Writer) -> str:
    return (
        "They stressed the importance of maintaining peace, stability, and freedom of navigation and "
        "overflight in the East Sea, in line with international law, including the 1982 United Nations "
        "Convention on the Law of the Sea (UNCLOS)."
    )


def _briefed(w: Writer) -> str:
    return (
        f"{w.vn_short()} also briefed {w.partner.short} on Vietnam’s cooperation with {w.c2().name} "
        f"within the {w.org()} framework."
    )


def _invitation(w: Writer) -> str:
    return (
        f"On this occasion, {w.vn_short()} invited {w.partner.short} to visit Vietnam at a convenient "
        "time, and the invitation was accepted with pleasure."
    )


def _community(w: Writer) -> str:
    return (
        f"The Vietnamese community in {w.country.name}, now about {w.rng.randint(1, 90)},000 strong, has "
        f"integrated well into the host society, {w.ambassador.title} {w.ambassador.name} said."
    )


def _quote(w: Writer) -> str:
    return (
        f"“Vietnam always considers {w.country.name} an important partner in {w.country.region},” "
        f"{w.vn_short()} said, adding that the two countries should tap into new areas such as {w.fields(2)}."
    )


def _documents(w: Writer) -> str:
    return (
        f"The two sides witnessed the signing of {w.rng.randint(2, 12)} cooperation documents in the "
        f"fields of {w.fields()}."
    )


def _business(w: Writer) -> str:
    c = w.country
    return (
        f"{w.one_off()} said {c.demonym or c.name} businesses are keen to invest in Vietnam’s "
        f"{w.pick(FIELDS)} sector."
    )


def _attended(w: Writer) -> str:
    c2 = w.c2()
    return (
        f"{w.dem(c2)} Ambassador {w._invented(c2)} and representatives of the {w.org()} also attended "
        "the event."
    )


def _congratulated(w: Writer) -> str:
    return (
        f"{w.partner.short} congratulated Vietnam on its socio-economic achievements and said "
        f"{w.country.name} wants to learn from Vietnam’s experience in {w.pick(FIELDS)}."
    )


def _joint_committee(w: Writer) -> str:
    return (
        "Both sides agreed to step up delegation exchanges at all levels, especially high-level visits, "
        f"and to convene the {w.rng.randint(2, 12)}th meeting of the Vietnam - {w.country.name} Joint "
        "Committee at an early date."
    )


def _market(w: Writer) -> str:
    goods = w.pick(["rice", "seafood", "coffee", "textiles", "electronics", "fruits"])
    return (
        f"{w.vn_short()} asked {w.country.name} to create favourable conditions for Vietnamese goods, "
        f"particularly {goods}, to access its market."
    )


def _generic(w: Writer) -> str:
    return w.pick(GENERIC).format(k=w.rng.randint(10, 300))


def _role_reference(w: Writer) -> str:
    if w.vn.title == "Party General Secretary":
        return f"The Party chief said Vietnam treasures the support of {w.country.name}."
    if w.vn.title == "Prime Minister":
        return f"The Vietnamese PM called for stronger links between Vietnam and {w.country.name}."
    return _generic(w)


SENTENCES = [
    _talks,
    _response,
    _trade,
    _multilateral,
    _east_sea,
    _briefed,
    _invitation,
    _community,
    _quote,
    _documents,
    _business,
    _attended,
    _congratulated,
    _joint_committee,
    _market,
    _generic,
    _generic,
    _role_reference,
]


def _inject(text: str, rng: random.Random, count: int) -> str:
    """Emoji and symbols inside words, as the scraper leaves them."""
    for _ in range(count):
        at = rng.randrange(1, max(2, len(text) - 1))
        text = text[:at] + rng.choice(EMOJI) + text[at:]
    return text


def render(spec: Spec, noise: random.Random) -> str:
    """The raw scraped text of one article; `noise` decides spam, emoji, layout and teasers."""
    lines: list[str] = []
    if noise.random() < 0.2:
        lines.append(noise.choice(SPAM))
    if spec.header:
        lines.append(spec.header)
    lines.append(spec.title)
    if spec.lead:
        lines.append(spec.lead)
    captions = dict(spec.captions)  # paragraph index -> caption
    dash = noise.choice(["–", "–", "-", "—"])
    for index, paragraph in enumerate(spec.paragraphs):
        if index in captions:
            if spec.image and noise.random() < 0.5:
                lines.append(spec.image)
            lines.append(captions[index])
            if noise.random() < 0.6:
                lines.append(captions[index])  # the scraper's duplicated caption
        if index == 0:
            emoji = noise.choice(EMOJI) if noise.random() < 0.15 else ""
            paragraph = f"{spec.dateline} (VNA) {emoji}{dash} {paragraph}"
        if noise.random() < 0.15:
            paragraph = _inject(paragraph, noise, noise.randint(1, 3))
        if index == len(spec.paragraphs) - 1:
            paragraph += "/." if noise.random() < 0.92 else ""
        lines.append(paragraph)
    if noise.random() < 0.6:
        lines += ["VNA", "See more"]
        for teaser in spec.teasers:
            lines += teaser
    else:
        lines += [t[-1] for t in spec.teasers]
    separator = "\n\n" if noise.random() < 0.5 else "\n"
    return separator.join(lines) + ("\n" if noise.random() < 0.7 else "")


def _spec_for(
    index: int, seed: int, date: dt.date | None = None, start: dt.date = START, days: int = DAYS
) -> Spec:
    rng = random.Random(f"article-{seed}-{index}")
    date = date or start + dt.timedelta(days=rng.randrange(days))
    writer = Writer(rng, seed, date, index)
    kind = rng.random()
    date_kind = "full" if kind < 0.78 else "inferred" if kind < 0.88 else "none"
    spec = writer.spec(date_kind)
    spec.teasers = [writer.teaser() for _ in range(rng.randint(0, 8))]
    return spec


def _name(index: int, text: str) -> str:
    return f"{index:06d}_{hashlib.sha1(text.encode()).hexdigest()[:16]}.txt"


def generate(n: int, seed: int = 0, years: int | None = None) -> list[tuple[str, str]]:
    """`n` (file name, raw text) pairs; the same `n` and `seed` give the same bytes.

    `years` spreads the dates over that many years ending 2025-12-31 instead of 2022-2025 (an
    archive of decades, for the pages and charts that must scale over a long span)."""
    start, days = START, DAYS
    if years:
        start, days = dt.date(2026 - years, 1, 1), (dt.date(2026, 1, 1) - dt.date(2026 - years, 1, 1)).days
    plan = random.Random(f"plan-{seed}")
    out: list[tuple[str, str]] = []
    specs: list[Spec] = []
    for index in range(n):
        roll = plan.random()
        noise = random.Random(f"noise-{seed}-{index}")
        if specs and roll < 0.02:  # exact duplicate: the same file scraped twice
            text = out[plan.randrange(len(out))][1]
        elif specs and roll < 0.04:  # same article, different noise
            text = render(specs[plan.randrange(len(specs))], noise)
        elif specs and roll < 0.05:  # re-scrape: same title, one paragraph edited
            original = specs[plan.randrange(len(specs))]
            paragraphs = list(original.paragraphs)
            at = plan.randrange(1, len(paragraphs)) if len(paragraphs) > 1 else 0
            paragraphs[at] = paragraphs[at] + " The two sides also agreed to review progress next year."
            edited = Spec(**{**original.__dict__, "paragraphs": paragraphs})
            text = render(edited, noise)
        else:
            spec = _spec_for(index, seed, start=start, days=days)
            specs.append(spec)
            text = render(spec, noise)
        out.append((_name(index, text), text))
    return out


def extra_article(n: int, seed: int = 0, date: dt.date = dt.date(2026, 1, 15)) -> tuple[str, str]:
    """One more article, newer than all of `generate(n, seed)`: the "add one seed" case."""
    spec = _spec_for(10_000_000 + n, seed, date)
    text = render(spec, random.Random(f"extra-noise-{seed}-{n}"))
    return f"zz_added_{n:06d}_{hashlib.sha1(text.encode()).hexdigest()[:16]}.txt", text


def write(folder: Path, articles: list[tuple[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles:
        (folder / name).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("folder", type=Path, help="folder to write the .txt files into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--years", type=int, default=None, help="spread the dates over this many years")
    args = parser.parse_args(argv)
    articles = generate(args.n, args.seed, args.years)
    write(args.folder, articles)
    size = sum(len(t.encode()) for _, t in articles)
    print(f"wrote {len(articles)} articles ({size / 1e6:.1f} MB) to {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
