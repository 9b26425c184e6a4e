"""Validation of people's names, shared by every form that takes one."""

import unicodedata

from django.core.exceptions import ValidationError

#: Punctuation that real names use: apostrophes, hyphens, full stops.
NAME_PUNCTUATION = set(" '’‘-‐.")


def validate_person_name(value):
    """Accept a name in any script; refuse digits, symbols and markup."""
    if value != value.strip():
        raise ValidationError("Remove the spaces at the start or end.", code="spaces")
    for character in value:
        category = unicodedata.category(character)
        if character in NAME_PUNCTUATION or category.startswith(("L", "M")):
            continue
        raise ValidationError(
            "Use letters (any alphabet), spaces, apostrophes, hyphens and full "
            f'stops only; "{character}" is not allowed.',
            code="character",
        )
