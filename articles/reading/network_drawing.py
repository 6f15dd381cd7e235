"""A network drawn as SVG on the server: nodes on a circle, sized by how many articles they
count, joined by lines as thick as the articles they share.

Plain data for a template (articles/_network.html), which writes the SVG with presentation
attributes only and escapes every name; a small script (static/newsdesk/pictures.js) adds the
highlighting. Labels sit outside their node along its ray, a long name on two lines, so they
stay clear of the lines and of each other on a circle of up to 16 nodes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from articles.models import Entity

WIDTH = 600  # room beside the ring for a label of two lines
HEIGHT = 410  # the ring, its largest nodes and two lines of label above and below
RING = 124  # the circle's radius
SMALLEST = 7  # a node's radius for the fewest articles...
LARGEST = 22  # ...and for the most
CENTRE = 26  # the entity the network is of, at the centre
THINNEST = 1.0
THICKEST = 8.0
LINE_CHARACTERS = 12  # a label's line, before it breaks
LABEL_GAP = 6
LINE_HEIGHT = 18  # room for the larger labels of a phone (newsdesk.css)


@dataclass(frozen=True)
class NodeSpec:
    entity: Entity
    count: int  # the articles it is counted in (shared with the centre, or in the period)


@dataclass(frozen=True)
class EdgeSpec:
    one: int  # entity ids
    other: int
    shared: int  # articles naming both


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str  # text-anchor: start, middle or end
    lines: list[tuple[float, str]]  # (y, text)


@dataclass(frozen=True)
class Node:
    entity: Entity
    count: int
    x: float
    y: float
    radius: float
    label: Label
    description: str  # "Doha: 12 shared articles"
    centre: bool = False


@dataclass(frozen=True)
class Edge:
    one: int
    other: int
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    description: str


@dataclass(frozen=True)
class Network:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


def label_lines(name: str) -> list[str]:
    """A name on one line, or two when long: broken between words, the second cut with an
    ellipsis when it is still too long."""
    if len(name) <= LINE_CHARACTERS:
        return [name]
    words = name.split()
    first = words[0]
    rest = words[1:]
    while rest and len(first) + 1 + len(rest[0]) <= LINE_CHARACTERS:
        first += " " + rest.pop(0)
    second = " ".join(rest)
    if len(first) > LINE_CHARACTERS:
        first = first[: LINE_CHARACTERS - 1] + "…"
    if len(second) > LINE_CHARACTERS:
        second = second[: LINE_CHARACTERS - 1] + "…"
    return [first, second] if second else [first]


def label_at(x: float, y: float, radius: float, angle: float, name: str) -> Label:
    """A label clear of its node, on the side away from the centre: beside a node on the right or
    left (nudged up or down with it), above one at the top, below one at the bottom."""
    lines = label_lines(name)
    cos, sin = math.cos(angle), math.sin(angle)
    block = LINE_HEIGHT * len(lines)
    if abs(cos) > 0.35:
        anchor = "start" if cos > 0 else "end"
        label_x = x + math.copysign(radius + LABEL_GAP, cos)
        top = y - block / 2 + sin * radius * 0.6
    else:
        anchor = "middle"
        label_x = x
        top = y + radius + LABEL_GAP if sin > 0 else y - radius - LABEL_GAP - block
    return Label(
        round(label_x, 1),
        round(top, 1),
        anchor,
        [(round(top + LINE_HEIGHT * (n + 0.75), 1), line) for n, line in enumerate(lines)],
    )


def size_of(count: int, most: int) -> float:
    return SMALLEST + (LARGEST - SMALLEST) * math.sqrt(count / most) if most else SMALLEST


def draw_network(
    specs: list[NodeSpec],
    edges: list[EdgeSpec],
    *,
    centre: NodeSpec | None,
    counted: str,
) -> Network:
    """Nodes on a circle, the first at the top and clockwise in order; `centre` in the middle,
    joined to every node by its count. `counted` names what a count is ("shared article")."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    most = max((spec.count for spec in specs), default=1)
    placed: dict[int, Node] = {}
    for number, spec in enumerate(specs):
        angle = -math.pi / 2 + 2 * math.pi * number / len(specs)
        x, y = cx + RING * math.cos(angle), cy + RING * math.sin(angle)
        radius = size_of(spec.count, most)
        placed[spec.entity.pk] = Node(
            spec.entity,
            spec.count,
            round(x, 1),
            round(y, 1),
            round(radius, 1),
            label_at(x, y, radius, angle, spec.entity.name),
            f"{spec.entity.name}: {spec.count:,} {counted}{'' if spec.count == 1 else 's'}",
        )
    nodes = list(placed.values())
    if centre is not None:
        below = Label(cx, cy + CENTRE + 4, "middle", [])
        lines = label_lines(centre.entity.name)
        below = Label(
            below.x,
            below.y,
            "middle",
            [(round(below.y + LINE_HEIGHT * (n + 0.75), 1), line) for n, line in enumerate(lines)],
        )
        middle = Node(
            centre.entity, centre.count, cx, cy, CENTRE, below, centre.entity.name, centre=True
        )
        placed[centre.entity.pk] = middle
        edges = [EdgeSpec(centre.entity.pk, spec.entity.pk, spec.count) for spec in specs]
        nodes.insert(0, middle)
    most_shared = max((edge.shared for edge in edges), default=1)
    drawn = []
    for edge in edges:
        one, other = placed.get(edge.one), placed.get(edge.other)
        if one is None or other is None:
            continue
        width = THINNEST + (THICKEST - THINNEST) * edge.shared / most_shared
        drawn.append(
            Edge(
                one.entity.pk,
                other.entity.pk,
                one.x,
                one.y,
                other.x,
                other.y,
                round(width, 1),
                f"{one.entity.name} and {other.entity.name}: {edge.shared:,} "
                f"article{'' if edge.shared == 1 else 's'} together",
            )
        )
    return Network(WIDTH, HEIGHT, nodes, drawn)
