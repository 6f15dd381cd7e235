"""A synthetic archive for benchmarks: invented articles, entities, dates and quotes, written fast.

Nothing here runs the NLP pipeline. Bodies are put together from sentence templates, and every
span (mention, date, quote) is recorded while its text is appended, so `body[start:end] == text`
holds by construction; the database trigger checks it anyway. Entities come from a pool of
invented people, places and organisations whose popularity follows Zipf's law, so a few names
turn up in thousands of articles and most in a handful, as in a real archive.

Synthetic articles say so: the headline starts with "[Synthetic]", the byline is the synthetic
archive's, and `pipeline_version` is "synthetic", which is how a real archive is told apart and
protected (`generate_archive` refuses to write into one unless forced).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import itertools
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import IntegerField, Max, QuerySet
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Alias, Article, DateMention, Entity, Granularity, Mention, Quote
from articles.nlp.kinds import ORG, PERSON, PLACE

SYNTHETIC_VERSION = "synthetic"
SYNTHETIC_BYLINE = "Newsdesk synthetic archive"
HEADLINE_PREFIX = "[Synthetic]"
ORIGIN_PREFIX = "synthetic:"  # origin_name is "synthetic:<serial number>"
FIRST_DAY, LAST_DAY = dt.date(2000, 1, 1), dt.date(2025, 12, 31)
ZIPF_EXPONENT = 1.0
MIN_WORDS, MAX_WORDS = 300, 700  # of a body, roughly
LABEL_OF_KIND = {PERSON: "PERSON", PLACE: "GPE", ORG: "ORG"}


class RealArticlesPresent(Exception):
    """The archive holds articles that did not come from this generator."""

    def __init__(self, count: int):
        self.count = count
        super().__init__(
            f"The archive holds {count} article{'s' if count != 1 else ''} that "
            f"{'are' if count != 1 else 'is'} not synthetic; synthetic articles would be mixed "
            "in among them."
        )


@dataclass
class GeneratedArchive:
    articles: int = 0
    entities: int = 0  # created by this run (entities already stored are reused)
    mentions: int = 0
    dates: int = 0
    quotes: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{self.articles} articles, {self.entities} new entities, {self.mentions} mentions, "
            f"{self.dates} dates, {self.quotes} quotes in {self.seconds:.1f} s"
        )


def real_articles() -> QuerySet[Article]:
    return Article.objects.exclude(pipeline_version=SYNTHETIC_VERSION)


def last_serial() -> int:
    """The highest number a synthetic article got: numbering goes on from earlier runs, so slugs
    and content hashes stay unique across them."""
    serial = Cast(Substr("origin_name", len(ORIGIN_PREFIX) + 1), IntegerField())
    return (
        Article.objects.filter(
            pipeline_version=SYNTHETIC_VERSION, origin_name__regex=rf"^{ORIGIN_PREFIX}[0-9]+$"
        ).aggregate(last=Max(serial))["last"]
        or 0
    )


def generate_archive(
    *,
    articles: int,
    seed: int = 0,
    entities: int = 3000,
    force: bool = False,
    batch_size: int = 1000,
    on_batch: Callable[[int, int], None] | None = None,
) -> GeneratedArchive:
    """Write `articles` synthetic articles (one transaction per batch) and their entity pool.

    Raises RealArticlesPresent when the archive holds non-synthetic articles, unless `force`.
    `on_batch(done, total)` is called after each batch is committed.
    """
    started = time.perf_counter()
    if not force and (count := real_articles().count()):
        raise RealArticlesPresent(count)
    rng = random.Random(seed)
    pool = invent_entity_pool(rng=rng, size=entities)
    result = GeneratedArchive()
    with transaction.atomic():
        entity_ids, result.entities = store_entity_pool(pool=pool)
    first_serial = last_serial() + 1
    annotated_at = timezone.now()
    for batch_start in range(0, articles, batch_size):
        serials = range(
            first_serial + batch_start, first_serial + min(batch_start + batch_size, articles)
        )
        drafts = [compose_article(rng=rng, pool=pool, serial=serial) for serial in serials]
        with transaction.atomic():
            counts = store_drafts(drafts=drafts, entity_ids=entity_ids, annotated_at=annotated_at)
        result.articles += len(drafts)
        result.mentions += counts[0]
        result.dates += counts[1]
        result.quotes += counts[2]
        if on_batch:
            on_batch(result.articles, articles)
    result.seconds = time.perf_counter() - started
    return result


# --- The entity pool ---------------------------------------------------------------------------

FIRST_NAMES = """
Amina Tobias Mirela Kwame Ingrid Rafael Soraya Daniel Yuki Leona Omar Helga Priya Mateo Ayesha
Jonas Fatima Lucas Zanele Pavel Noor Emil Chiara Tariq Beatrix Kofi Marisol Anders Leila Ivan
Nadia Hugo Esther Samir Greta Diego Hana Viktor Imani Felix Rosa Arjun Elif Bruno Camille Idris
Sofia Kenji Lina Tomas Wanjiru Marek Alma Joaquin Dalia Stefan Maya Rashid Clara Oskar Farah
Gideon Ines Milan Abena Henrik Layla Nikolai Paula Yusuf Margit Andres Zainab Lorenz Ruth Kaito
Selin Otto Mariam Radu Thandiwe Piet Noemi Hamza Vera Luca Ama Bjorn Teresa Adil Sanna Emeka
Irene Sven Lucia Malik Dora Elias Nia Casimir Olga Reza Frida Anselm Keziah Mehmet Liv Jasper
""".split()
LAST_NAMES = """
Okafor Lindqvist Moreau Haddad Varga Castellano Nakamura Brennan Osei Petrov Albrecht Mensah
Kowalski Farouk Delacroix Sato Oyelaran Novak Rahimi Lundgren Ferreira Adeyemi Horvat Quispe
Marchetti Jansen Abdi Kovacs Balogun Strand Dimitriou Achterberg Mwangi Rossetti Kaplan Nyberg
Ibrahim Vasquez Holm Taverner Ansah Keller Soto Barakat Engel Obi Lazarev Costa Hakimi Wren
Akande Berglund Duarte Pellegrini Tanaka Zoric Amadi Fonseca Halloran Yilmaz Nkemelu Sorensen
Brandt Esposito Kiplagat Mohammadi Ekstrom Rinaldi Asante Dvorak Guerrero Lindholm Oduya Falk
Carvalho Stavros Bianchi Owusu Hendriks Salazar Mbeki Lorentzen Aziz Corcoran Wojcik Nwosu
Reyes Thorsen Kamau Galloway Petrakis Umar Valdez Sandberg Ogunleye Moretti Hoffmann Chikwanha
Navarro Bergstrom Okonkwo Ricci Fischer Morales Kariuki Eklund Abubakar Santoro Vogel Darko
""".split()
PLACE_STARTS = """
Vel Kar Mor Tal Brem Ost Cal Dun Asha Lin Mar Tor Zel Fen Har Isl Kel Nor Pra Quen Rov Sel Ult
Var Wes Yar Aber Bel Cor Dor Esk Gal Hol Jar Lor Mel Nev Orm Pel Rim Sab Tam Ulv Vin Wyl Zan
""".split()
PLACE_ENDS = """
mora sk aven ford ria ton grad via holm dale bury stad ara mouth ica dor wick lund esh ovo
anza more field aris hurst ova gate by enne ik ano
""".split()
PLACE_FORMS = ["{}", "{}", "{}", "{}", "Port {}", "New {}", "Upper {}", "Lake {}", "{} Province"]
ORG_FORMS = [
    "{place} Water Authority",
    "{place} Grain Board",
    "{place} Port Authority",
    "{place} Teachers Union",
    "{place} Chamber of Commerce",
    "{place} Regional Council",
    "{place} Health Service",
    "{place} Rail Company",
    "{place} Electoral Commission",
    "{place} Central Bank",
    "{place} Farmers Cooperative",
    "{place} Football Club",
    "Bank of {place}",
    "University of {place}",
    "{adjective} {sector} {form}",
    "{adjective} {sector} {form}",
    "{adjective} {sector} {form}",
]
ORG_ADJECTIVES = """
Northern Southern Eastern Western Meridian Coastal Highland Bright Silver United Allied Harbour
Granite Riverside Lakeside Continental Pioneer Evergreen Summit Crescent
""".split()
ORG_SECTORS = """
Freight Grain Energy Shipping Textile Mining Water Timber Steel Fisheries Transit Solar Cement
Media Pharmaceutical Telecom Insurance Airline
""".split()
ORG_FORMS_OF_BUSINESS = (
    "Group Union Cooperative Holdings Company Association Trust Alliance".split()
)
PERSON_ROLES = [
    "mayor of {place}",
    "governor of {place}",
    "finance minister of {place}",
    "opposition leader in {place}",
    "spokesperson for the {org}",
    "chief executive of the {org}",
    "chair of the {org}",
    "economist at the {org}",
    "lawyer in {place}",
    "union organiser in {place}",
    "",
    "",
]


@dataclass(frozen=True)
class PoolEntity:
    name: str
    kind: str
    slug: str
    short: str = ""  # a later mention's text: a person's surname, an organisation's initials
    role: str = ""


@dataclass
class EntityPool:
    by_kind: dict[str, list[PoolEntity]]
    cumulative_weights: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self):
        # Zipf: the entity of rank r is drawn with weight 1 / r**s.
        for kind, entities in self.by_kind.items():
            weights = (1 / (rank**ZIPF_EXPONENT) for rank in range(1, len(entities) + 1))
            self.cumulative_weights[kind] = list(itertools.accumulate(weights))

    def draw(self, *, rng: random.Random, kind: str, count: int) -> list[PoolEntity]:
        """`count` different entities of a kind, popular ones more often."""
        entities, weights = self.by_kind[kind], self.cumulative_weights[kind]
        count = min(count, len(entities))
        drawn: dict[str, PoolEntity] = {}
        while len(drawn) < count:
            entity = rng.choices(entities, cum_weights=weights)[0]
            drawn.setdefault(entity.slug, entity)
        return list(drawn.values())

    def all(self) -> list[PoolEntity]:
        return [entity for entities in self.by_kind.values() for entity in entities]


def invent_entity_pool(*, rng: random.Random, size: int) -> EntityPool:
    """About `size` invented entities: 60% people, 23% places, 17% organisations."""
    place_count = max(10, size * 23 // 100)
    org_count = max(10, size * 17 // 100)
    person_count = max(10, size - place_count - org_count)
    place_names = invent_names(
        rng=rng,
        count=place_count,
        make=lambda: rng.choice(PLACE_FORMS).format(
            rng.choice(PLACE_STARTS) + rng.choice(PLACE_ENDS)
        ),
    )
    places = [PoolEntity(name=name, kind=PLACE, slug=slugify(name)) for name in place_names]

    def org_name() -> str:
        place = rng.choice(place_names[: max(10, place_count // 3)]).removesuffix(" Province")
        return rng.choice(ORG_FORMS).format(
            place=place,
            adjective=rng.choice(ORG_ADJECTIVES),
            sector=rng.choice(ORG_SECTORS),
            form=rng.choice(ORG_FORMS_OF_BUSINESS),
        )

    orgs = [
        PoolEntity(name=name, kind=ORG, slug=slugify(name), short=initials(name))
        for name in invent_names(rng=rng, count=org_count, make=org_name)
    ]
    person_names = invent_names(
        rng=rng,
        count=person_count,
        make=lambda: f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
    )
    people = []
    for name in person_names:
        role = rng.choice(PERSON_ROLES).format(
            place=rng.choice(place_names), org=rng.choice(orgs).name
        )
        people.append(
            PoolEntity(
                name=name, kind=PERSON, slug=slugify(name), short=name.split()[-1], role=role
            )
        )
    return EntityPool(by_kind={PERSON: people, PLACE: places, ORG: orgs})


def invent_names(*, rng: random.Random, count: int, make: Callable[[], str]) -> list[str]:
    names: dict[str, None] = {}
    for _ in range(count * 50):  # the word lists allow far more names than a pool asks for
        if len(names) == count:
            break
        names.setdefault(make(), None)
    return list(names)


def initials(name: str) -> str:
    """ "VWA" for "Velmora Water Authority"; nothing for names of fewer than three capitals."""
    capitals = [word[0] for word in name.split() if word[0].isupper()]
    return "".join(capitals) if len(capitals) >= 3 else ""


def store_entity_pool(*, pool: EntityPool) -> tuple[dict[str, int], int]:
    """Entity ids by slug, creating the entities not yet stored; and how many were created."""
    entities = pool.all()
    ids = dict(Entity.objects.filter(slug__in=[e.slug for e in entities]).values_list("slug", "pk"))
    new = [
        Entity(name=e.name, kind=e.kind, slug=e.slug, role=e.role)
        for e in entities
        if e.slug not in ids
    ]
    Entity.objects.bulk_create(new, batch_size=2000)
    ids.update((entity.slug, entity.pk) for entity in new)
    Alias.objects.bulk_create(
        [Alias(entity_id=ids[e.slug], name=e.short) for e in pool.by_kind[ORG] if e.short],
        ignore_conflicts=True,
    )
    return ids, len(new)


# --- Articles ------------------------------------------------------------------------------------

# Slots: {P} a person, {L} a place, {O} an organisation, {D} a date with its preposition
# ("on March 3, 2014", "in June 2019"), {d} a bare date (after "since", "until", "by").
ENTITY_SENTENCES = """
{P} told reporters in {L} that talks with the {O} would resume {D}.
Officials from the {O} met {P} in {L} to discuss the delayed grain shipments.
{P}, who has worked with the {O} since {d}, said the budget would be published within weeks.
The {O} said repairs to the bridge outside {L} would not be finished until {d}.
Residents of {L} queued for water {D} after the main pipeline failed.
{P} and {P} signed the agreement in {L} on behalf of the {O}.
According to the {O}, freight volumes through {L} fell by a fifth {D}.
The dispute between the {O} and the {O} has delayed the new terminal at {L}.
{P} visited {L} to inspect the flood defences built by the {O}.
Critics of {P} say the {O} has ignored the needs of farmers around {L}.
The court in {L} adjourned the case brought by {P} against the {O}.
Turnout in {L} was higher than expected, the {O} reported.
{P} said the {O} had received more applications than at any time since {d}.
Teachers in {L} walked out {D}, demanding the pay rise promised by {P}.
The {O} opened a second clinic in {L}, where waiting lists have doubled.
Traders in {L} blamed the {O} for the rising price of bread.
{P} was appointed to lead the {O} {D}.
The ferry link between {L} and {L} was suspended after a storm damaged the pier.
A report commissioned by the {O} found that half of the roads in {L} need repair.
{P} rejected claims that the {O} had misused public funds.
Negotiators for the {O} and {P} agreed to meet again in {L}.
Rail services from {L} were cancelled for a second day, the {O} said.
{P} has promised to publish the findings of the inquiry by {d}.
Police in {L} said the protest outside the offices of the {O} had been peaceful.
Exports of timber from {L} have recovered, said {P}, an adviser to the {O}.
The {O} and the {O} announced a joint plan to rebuild the harbour at {L}.
Supporters of {P} gathered in the main square of {L} on election night.
Engineers from the {O} arrived in {L} to assess the damaged dam.
{P} stepped down from the board of the {O} {D}.
Prices at markets across {L} have risen steadily since {d}, the {O} said.
""".strip().splitlines()
FILLER_SENTENCES = """
The figures could not be independently verified.
Negotiations are expected to continue next week.
Local businesses say the uncertainty has made planning difficult.
Several hundred people attended the meeting, which lasted more than three hours.
The proposal must still be approved by parliament.
Analysts expect the decision to be challenged in court.
Many families have already left the area for the winter.
The cost of the project has nearly doubled since it was first announced.
No injuries were reported.
It was not immediately clear when the service would resume.
Farmers have warned that a second poor harvest would be hard to absorb.
The agreement runs for five years and can be extended.
Opposition members walked out before the vote.
Heavy rain continued throughout the afternoon, slowing the clean-up.
Officials declined to comment on the size of the settlement.
The new rules take effect at the start of the next financial year.
Shops in the town centre stayed closed for most of the day.
Observers said the count had been orderly.
The hospital has asked for volunteers to help with the backlog.
A full report is due to be published later this year.
""".strip().splitlines()
# (template, cue, the punctuation that ends the quoted words inside the marks)
QUOTE_SENTENCES = [
    ('"{Q}" {P} said.', "said", ","),
    ('"{Q}" said {P}.', "said", ","),
    ('{P} told reporters: "{Q}"', "told reporters", "."),
    ('"{Q}" {P} added.', "added", ","),
    ('{P} said in a statement: "{Q}"', "said in a statement", "."),
]
QUOTED_WORDS = [
    "We will not accept any further delays",
    "The people of this region deserve better than empty promises",
    "Our priority is to keep the schools open",
    "This agreement is a first step, not the last",
    "We have done everything the law requires of us",
    "Nobody expected the water to rise so quickly",
    "The money is there; what is missing is the will to spend it",
    "I have asked for a full and independent inquiry",
    "Farmers cannot wait another season",
    "We are confident the figures will improve next year",
    "These claims are false and we will say so in court",
    "The port has never been busier",
    "Every family affected will receive support",
    "It is too early to say what caused the failure",
    "We listened, and we changed the plan",
]
HEADLINES = [
    "{P} pledges new {topic} for {L}",
    "{O} under pressure over {topic} in {L}",
    "{L} braces for {topic} row as {P} digs in",
    "{P} and {O} clash over {topic}",
    "Inquiry into {topic} in {L} widens",
    "{O} unveils {topic} plan for {L}",
    "{L} votes on {topic} after months of delay",
]
TOPICS = """
grain storage|water rationing|harbour expansion|teachers' pay|flood defences|rail timetable|
hospital funding|bread prices|road repairs|fishing quotas|election count|timber exports|
power cuts|housing permits|ferry service
""".replace("\n", "").split("|")
SLOT = re.compile(r"\{([PLODdQ])\}")
SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
ORDINALS = ["first", "second", "third", "fourth"]


def parsed(template: str) -> list[str]:
    """A template as alternating literal text and slot letters (literal, slot, literal...)."""
    return SLOT.split(template)


ENTITY_TEMPLATES = [parsed(t) for t in ENTITY_SENTENCES]
QUOTE_TEMPLATES = [(parsed(t), cue, stop) for t, cue, stop in QUOTE_SENTENCES]
DATED_TEMPLATES = [t for t in ENTITY_TEMPLATES if {"D", "d"} & set(t[1::2])]
UNDATED_TEMPLATES = [t for t in ENTITY_TEMPLATES if t not in DATED_TEMPLATES]


@dataclass
class DraftMention:
    start: int
    end: int
    text: str
    slug: str
    label: str


@dataclass
class DraftDate:
    start: int
    end: int
    text: str
    value_start: dt.date
    value_end: dt.date
    granularity: str


@dataclass
class DraftQuote:
    start: int
    end: int
    text: str
    speaker: DraftMention
    cue: str


@dataclass
class ArticleDraft:
    serial: int
    headline: str
    body: str
    published: dt.date
    mentions: list[DraftMention]
    dates: list[DraftDate]
    quotes: list[DraftQuote]


class BodyWriter:
    """Appends text to a body and records the offsets of the spans it writes."""

    def __init__(self, *, rng: random.Random, cast: dict[str, list[PoolEntity]], year: int):
        self.rng, self.cast, self.year = rng, cast, year
        self.parts: list[str] = []
        self.length = 0
        self.words = 0
        self.mentions: list[DraftMention] = []
        self.dates: list[DraftDate] = []
        self.quotes: list[DraftQuote] = []
        self.seen: set[str] = set()
        # Within an article the leading names recur: the first of the cast most often.
        self.cast_weights = {
            kind: list(itertools.accumulate(1 / rank for rank in range(1, len(entities) + 1)))
            for kind, entities in cast.items()
        }

    def append(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def plain(self, text: str) -> None:
        self.append(text)
        self.words += len(text.split())

    def sentence(self, pieces: list[str], quoted: str = "", cue: str = "") -> None:
        speaker: DraftMention | None = None
        quote: tuple[int, int] | None = None
        in_sentence: set[str] = set()
        for number, piece in enumerate(pieces):
            if number % 2 == 0:
                self.plain(piece)
            elif piece == "Q":
                quote = self.append(quoted)
                self.words += len(quoted.split())
            elif piece in "Dd":
                self.date(with_preposition=piece == "D")
            else:
                mention = self.mention({"P": PERSON, "L": PLACE, "O": ORG}[piece], in_sentence)
                in_sentence.add(mention.slug)
                speaker = speaker or mention
        if quote and speaker:
            self.quotes.append(DraftQuote(*quote, quoted, speaker, cue))

    def mention(self, kind: str, avoid: set[str]) -> DraftMention:
        """A mention of one of the cast, not one of `avoid` if it can ("Okafor and Okafor")."""
        for _ in range(5):
            entity = self.rng.choices(self.cast[kind], cum_weights=self.cast_weights[kind])[0]
            if entity.slug not in avoid:
                break
        text = entity.name
        if entity.slug in self.seen and entity.short and self.rng.random() < 0.6:
            text = entity.short  # "Okafor" once "Amina Okafor" has been named
        self.seen.add(entity.slug)
        mention = DraftMention(*self.append(text), text, entity.slug, LABEL_OF_KIND[kind])
        self.mentions.append(mention)
        self.words += len(text.split())
        return mention

    def date(self, *, with_preposition: bool) -> None:
        preposition, text, value_start, value_end, granularity = invent_date(
            rng=self.rng, year=self.year
        )
        if with_preposition:
            self.append(preposition + " ")
        start, end = self.append(text)
        self.dates.append(DraftDate(start, end, text, value_start, value_end, granularity))
        self.words += len(text.split()) + with_preposition

    def body(self) -> str:
        return "".join(self.parts)


def invent_date(*, rng: random.Random, year: int) -> tuple[str, str, dt.date, dt.date, str]:
    """(preposition, text, first day, last day, granularity) of a date near `year`."""
    # Mostly the year of publication or a recent one. Before the archive's first year, the date
    # looks as far ahead instead, so early years get no pile of clamped dates.
    offset = rng.choice([0, 0, 0, 1, 1, 2, 3, 5])
    year = year - offset if year - offset >= FIRST_DAY.year else year + offset
    grain = rng.choices(["day", "month", "season", "quarter", "year"], [35, 30, 15, 5, 15])[0]
    if grain == "day":
        day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        return "on", f"{day:%B} {day.day}, {year}", day, day, Granularity.DAY
    if grain == "month":
        month = rng.randint(1, 12)
        last = calendar.monthrange(year, month)[1]
        return (
            "in",
            f"{dt.date(year, month, 1):%B %Y}",
            dt.date(year, month, 1),
            dt.date(year, month, last),
            Granularity.MONTH,
        )
    if grain == "season":  # meteorological seasons, as the date stage reads them
        first_month = rng.choice(list(SEASON_NAMES))
        end_year, end_month = (year + 1, 2) if first_month == 12 else (year, first_month + 2)
        return (
            "in",
            f"the {SEASON_NAMES[first_month]} of {year}",
            dt.date(year, first_month, 1),
            dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]),
            Granularity.SEASON,
        )
    if grain == "quarter":
        quarter = rng.randint(1, 4)
        last_month = quarter * 3
        return (
            "in",
            f"the {ORDINALS[quarter - 1]} quarter of {year}",
            dt.date(year, last_month - 2, 1),
            dt.date(year, last_month, calendar.monthrange(year, last_month)[1]),
            Granularity.QUARTER,
        )
    return "in", str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR


class Deck:
    """Draws from a list without repeats until every item has been drawn (then reshuffles), so
    an article does not say the same thing twice in a row."""

    def __init__(self, *, rng: random.Random, items: list):
        self.rng, self.items, self.left = rng, items, []

    def draw(self):
        if not self.left:
            self.left = self.rng.sample(self.items, len(self.items))
        return self.left.pop()


def compose_article(*, rng: random.Random, pool: EntityPool, serial: int) -> ArticleDraft:
    """One article of 300-700 words with about 15-40 mentions, 1-5 dates and 0-3 quotes."""
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    cast = {
        PERSON: pool.draw(rng=rng, kind=PERSON, count=rng.randint(3, 7)),
        PLACE: pool.draw(rng=rng, kind=PLACE, count=rng.randint(2, 4)),
        ORG: pool.draw(rng=rng, kind=ORG, count=rng.randint(2, 4)),
    }
    writer = BodyWriter(rng=rng, cast=cast, year=published.year)
    target_words = rng.randint(MIN_WORDS, MAX_WORDS)
    target_mentions = rng.randint(15, 40)
    dates_left, quotes_left = rng.randint(1, 5), rng.randint(0, 3)
    in_paragraph, paragraph_length = 0, rng.randint(2, 4)
    fillers = Deck(rng=rng, items=FILLER_SENTENCES)
    dated, undated = Deck(rng=rng, items=DATED_TEMPLATES), Deck(rng=rng, items=UNDATED_TEMPLATES)
    quoted_words = Deck(rng=rng, items=QUOTED_WORDS)
    # Stop at the word target once enough names are in, or a little past it in any case.
    longest = max(target_words, min(target_words + 150, MAX_WORDS - 10))
    while writer.words < longest and (
        writer.words < target_words or len(writer.mentions) < target_mentions
    ):
        if in_paragraph == paragraph_length:
            writer.append("\n\n")
            in_paragraph, paragraph_length = 0, rng.randint(2, 4)
        elif in_paragraph:
            writer.append(" ")
        sentences_left = max(1.0, (target_words - writer.words) / 17)
        mentions_left = target_mentions - len(writer.mentions)
        if quotes_left and rng.random() < quotes_left / sentences_left:
            pieces, cue, stop = rng.choice(QUOTE_TEMPLATES)
            writer.sentence(pieces, quoted=quoted_words.draw() + stop, cue=cue)
            quotes_left -= 1
        elif dates_left and rng.random() < dates_left / sentences_left:
            writer.sentence(dated.draw())
            dates_left -= 1
        elif mentions_left > 0 and rng.random() < mentions_left / (sentences_left * 2.2):
            writer.sentence(undated.draw())
        else:
            writer.plain(fillers.draw())
        in_paragraph += 1
    if not writer.dates:
        writer.append(" ")
        writer.sentence(dated.draw())
    # The running count is approximate (it counts a lone comma as a word); top up if short.
    while len(writer.body().split()) < MIN_WORDS:
        writer.append(" ")
        writer.plain(fillers.draw())
    writer.append(f"\n\nThis is synthetic article No. {serial}, invented for benchmarks.")
    lead_person, lead_place, lead_org = cast[PERSON][0], cast[PLACE][0], cast[ORG][0]
    headline = rng.choice(HEADLINES).format(
        P=lead_person.short, L=lead_place.name, O=lead_org.name, topic=rng.choice(TOPICS)
    )
    return ArticleDraft(
        serial=serial,
        headline=f"{HEADLINE_PREFIX} {headline[0].upper()}{headline[1:]}",
        body=writer.body(),
        published=published,
        mentions=writer.mentions,
        dates=writer.dates,
        quotes=writer.quotes,
    )


def content_hash(headline: str, body: str) -> str:
    # The same normalisation as articles.ingest (which imports the pipeline, so is not imported).
    normalised = " ".join(headline.split()).casefold() + "\n" + " ".join(body.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def store_drafts(
    *, drafts: list[ArticleDraft], entity_ids: dict[str, int], annotated_at: dt.datetime
) -> tuple[int, int, int]:
    """Write the articles and their spans; (mentions, dates, quotes) written."""
    articles = Article.objects.bulk_create(
        [
            Article(
                headline=draft.headline,
                slug=f"{slugify(draft.headline)[:180]}-{draft.serial}",
                byline=SYNTHETIC_BYLINE,
                body=draft.body,
                published=draft.published,
                content_hash=content_hash(draft.headline, draft.body),
                origin_name=f"{ORIGIN_PREFIX}{draft.serial}",
                annotated_at=annotated_at,
                pipeline_version=SYNTHETIC_VERSION,
            )
            for draft in drafts
        ]
    )
    mentions: list[Mention] = []
    mention_of: dict[int, Mention] = {}  # id() of a draft mention -> its row
    dates: list[DateMention] = []
    for article, draft in zip(articles, drafts, strict=True):
        for m in draft.mentions:
            row = Mention(
                article_id=article.pk,
                entity_id=entity_ids[m.slug],
                start=m.start,
                end=m.end,
                text=m.text,
                label=m.label,
            )
            mentions.append(row)
            mention_of[id(m)] = row
        dates.extend(
            DateMention(
                article_id=article.pk,
                start=d.start,
                end=d.end,
                text=d.text,
                value_start=d.value_start,
                value_end=d.value_end,
                granularity=d.granularity,
            )
            for d in draft.dates
        )
    Mention.objects.bulk_create(mentions, batch_size=5000)
    DateMention.objects.bulk_create(dates, batch_size=5000)
    quotes = [
        Quote(
            article_id=article.pk,
            start=q.start,
            end=q.end,
            text=q.text,
            speaker_id=entity_ids[q.speaker.slug],
            speaker_mention=mention_of[id(q.speaker)],
            cue=q.cue,
        )
        for article, draft in zip(articles, drafts, strict=True)
        for q in draft.quotes
    ]
    Quote.objects.bulk_create(quotes, batch_size=5000)
    return len(mentions), len(dates), len(quotes)
