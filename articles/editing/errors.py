"""Why a correction was refused. Views show the message to the editor as it is written here."""


class Conflict(Exception):
    """Someone else changed the row since the editor loaded it."""


class Invalid(ValueError):
    """The correction asked for makes no sense; the message says why."""
