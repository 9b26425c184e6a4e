"""What Credence accepts as a person's name.

Names are written in every script: any letter (with its combining marks)
is accepted, with the punctuation that real names use. Digits, markup
brackets, "@" and control characters are refused with a message that says
why.
"""

import unicodedata

from django.core.exceptions import ValidationError

NAME_MAX_LENGTH = 100
#: Apostrophes, hyphens, full stops and middle dots that names contain.
NAME_PUNCTUATION = frozenset("'\u2019\u2018-\u2010\u2011.\u00b7\u30fb ")
#: Joiners that Persian and Indic names need; every other format
#: character (such as text-direction overrides) is refused.
NAME_JOINERS = frozenset("\u200c\u200d")


def _is_name_character(char):
    category = unicodedata.category(char)
    return category[0] in ("L", "M") or char in NAME_PUNCTUATION or char in NAME_JOINERS


def _refusal(char, label):
    if char in "<>":
        return f"The {label} cannot contain < or >. Use letters only."
    if unicodedata.category(char) == "Nd":
        return f"The {label} cannot contain numbers."
    if char == "@":
        return (
            f"The {label} cannot contain @. Your email address has a field of its own."
        )
    return (
        f"The {label} cannot contain \u201c{char}\u201d. Use letters, spaces, "
        "hyphens, apostrophes and full stops."
    )


def clean_person_name(value, label="name"):
    """Return ``value`` as a name is stored, or raise ValidationError.

    Spaces at either end are dropped, runs of spaces become one, and the
    text is put in Unicode's composed form so that "é" is one character
    whichever way it was typed.
    """
    value = value or ""
    if any(
        unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
        and char not in NAME_JOINERS
        for char in value
    ):
        raise ValidationError(
            f"The {label} contains a control or formatting character. "
            "Type it again without copying and pasting.",
            code="control_character",
        )
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    if not value:
        raise ValidationError(f"Enter the {label}.", code="required")
    if len(value) > NAME_MAX_LENGTH:
        raise ValidationError(
            f"Use {NAME_MAX_LENGTH} characters or fewer for the {label} "
            f"(this has {len(value)}).",
            code="max_length",
        )
    for char in value:
        if not _is_name_character(char):
            raise ValidationError(_refusal(char, label), code="invalid_character")
    if not any(unicodedata.category(char)[0] == "L" for char in value):
        raise ValidationError(
            f"The {label} must contain at least one letter.", code="no_letter"
        )
    return value
