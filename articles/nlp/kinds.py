"""The coarse kinds of entity readers see, and how they map to and from spaCy's finer labels.

The one place for kinds and labels: the pipeline reads a model's label as a kind, and an editor's
kind is written back as a label (on a corrected mention, in the editors' lexicon, in the synthetic
archive). Kept free of Django so the NLP pipeline can import it.
"""

PERSON = "PERSON"
PLACE = "PLACE"
ORG = "ORG"
GROUP = "GROUP"
EVENT = "EVENT"
WORK = "WORK"
PRODUCT = "PRODUCT"
OTHER = "OTHER"

KIND_CHOICES = [
    (PERSON, "Person"),
    (PLACE, "Place"),
    (ORG, "Organisation"),
    (GROUP, "Group"),
    (EVENT, "Event"),
    (WORK, "Work"),
    (PRODUCT, "Product"),
    (OTHER, "Other"),
]
KINDS = frozenset(kind for kind, _ in KIND_CHOICES)

# OntoNotes labels (spaCy's English models). Labels absent here (CARDINAL, MONEY, TIME, ...) are not
# entities a reader follows; DATE is handled by the date stage.
KIND_OF_LABEL = {
    "PERSON": PERSON,
    "PER": PERSON,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "ORG": ORG,
    "NORP": GROUP,
    "EVENT": EVENT,
    "WORK_OF_ART": WORK,
    "PRODUCT": PRODUCT,
    "LAW": OTHER,
    "LANGUAGE": OTHER,
    "MISC": OTHER,
}

# The label that stands for each kind where a label is needed, chosen so that reading it back
# gives the same kind.
LABEL_OF_KIND = {
    PERSON: "PERSON",
    PLACE: "GPE",
    ORG: "ORG",
    GROUP: "NORP",
    EVENT: "EVENT",
    WORK: "WORK_OF_ART",
    PRODUCT: "PRODUCT",
    OTHER: "MISC",
}


def kind_for_label(label: str) -> str | None:
    """The coarse kind of a model label, or None when the label is not an entity kind."""
    return KIND_OF_LABEL.get(label)
