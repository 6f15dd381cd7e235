"""The invented entity pool: people, places and organisations, and how popular each one is.

Popularity is skewed the way a national archive's is. A handful of "house" entities (the country
the archive covers, its head of government, its capital, its parliament, its central bank) are
each in a set share of the articles (HOUSE_ENTITIES: a third for the country, a quarter for the
prime minister...). Every other entity is in the long tail: an article's cast is drawn from it
with Zipf weights whose ranks start after TAIL_RANK_OFFSET (weight 1 / (TAIL_RANK_OFFSET + rank)
** ZIPF_EXPONENT for the tail's rank-th entity of a kind), so the tail's most popular entities are
in about a tenth of the articles, below the house ones, and most entities are in a handful.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.text import slugify

from articles.nlp.kinds import ORG, PERSON, PLACE

ZIPF_EXPONENT = 1.0
# The tail's Zipf ranks start after this many: the head of the ranking is the house entities'.
TAIL_RANK_OFFSET = 8


@dataclass(frozen=True)
class HouseEntity:
    """An entity in a fixed share of the articles. `name` and `role` are formats of {country}."""

    kind: str
    share: float
    name: str
    role: str


# The country comes first: the others are named after it.
HOUSE_ENTITIES = [
    HouseEntity(PLACE, 0.33, "{country}", "the country the archive covers"),
    HouseEntity(PERSON, 0.25, "", "prime minister of {country}"),
    HouseEntity(PLACE, 0.15, "{capital}", "capital of {country}"),
    HouseEntity(ORG, 0.12, "{country} National Assembly", "parliament of {country}"),
    HouseEntity(ORG, 0.08, "Central Bank of {country}", ""),
]

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


@dataclass(frozen=True, eq=False)
class PoolEntity:
    """One invented entity; there is one object per entity, so `is` and `==` agree."""

    name: str
    kind: str
    slug: str
    short: str = ""  # a later mention's text: a person's surname, an organisation's initials
    role: str = ""


@dataclass
class EntityPool:
    """The house entities with their shares, and the long tail of each kind in Zipf rank order."""

    house: list[tuple[PoolEntity, float]]
    by_kind: dict[str, list[PoolEntity]]
    cumulative_weights: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self):
        for kind, entities in self.by_kind.items():
            weights = (
                1 / (TAIL_RANK_OFFSET + rank) ** ZIPF_EXPONENT
                for rank in range(1, len(entities) + 1)
            )
            self.cumulative_weights[kind] = list(itertools.accumulate(weights))

    def draw(self, *, rng: random.Random, kind: str, count: int) -> list[PoolEntity]:
        """`count` different entities of the tail of a kind, popular ones more often."""
        entities, weights = self.by_kind[kind], self.cumulative_weights[kind]
        total, random_ = weights[-1], rng.random
        count = min(count, len(entities))
        drawn: dict[str, PoolEntity] = {}
        while len(drawn) < count:
            entity = entities[bisect(weights, random_() * total)]
            drawn.setdefault(entity.slug, entity)
        return list(drawn.values())

    def all(self) -> list[PoolEntity]:
        tail = [entity for entities in self.by_kind.values() for entity in entities]
        return [entity for entity, _ in self.house] + tail


def invent_entity_pool(*, rng: random.Random, size: int) -> EntityPool:
    """About `size` invented entities (60% people, 23% places, 17% organisations), the first few
    of them the house entities."""
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

    orgs = [organisation(name) for name in invent_names(rng=rng, count=org_count, make=org_name)]
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
        people.append(person(name, role=role))
    tail = {PERSON: people, PLACE: places, ORG: orgs}
    return EntityPool(house=appoint_house_entities(tail), by_kind=tail)


def appoint_house_entities(tail: dict[str, list[PoolEntity]]) -> list[tuple[PoolEntity, float]]:
    """Take the house entities out of the tail: the country and capital are plain single-word
    places, the prime minister is the first person invented."""
    places = tail[PLACE]
    # Single-word places first (sorting is stable); a small pool may have fewer than two.
    country, capital = sorted(places, key=lambda entity: " " in entity.name)[:2]
    names = {"country": country.name, "capital": capital.name}
    house = []
    for spec in HOUSE_ENTITIES:
        role = spec.role.format_map(names)
        if spec.kind == PERSON:
            entity = PoolEntity(**{**vars(tail[PERSON][0]), "role": role})
        else:
            name = spec.name.format_map(names)
            make = organisation if spec.kind == ORG else place
            entity = make(name, role=role)
        house.append((entity, spec.share))
    taken = {entity.slug for entity, _ in house}
    for kind, entities in tail.items():
        tail[kind] = [entity for entity in entities if entity.slug not in taken]
    return house


def person(name: str, *, role: str = "") -> PoolEntity:
    return PoolEntity(name=name, kind=PERSON, slug=slugify(name), short=name.split()[-1], role=role)


def place(name: str, *, role: str = "") -> PoolEntity:
    return PoolEntity(name=name, kind=PLACE, slug=slugify(name), role=role)


def organisation(name: str, *, role: str = "") -> PoolEntity:
    return PoolEntity(name=name, kind=ORG, slug=slugify(name), short=initials(name), role=role)


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
