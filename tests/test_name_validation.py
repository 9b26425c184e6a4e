"""What Credence accepts as a person's name."""

import pytest
from django.core.exceptions import ValidationError

from lms.validators import clean_person_name


@pytest.mark.parametrize(
    "name",
    [
        "Łukasz",
        "Żółć",
        "Siobhán",
        "O'Neill-Ó Briain",
        "O\u2019Brien",
        "张伟",
        "Οδυσσέας",
        "Мария-Луиза",
        "محمد",
        "J. R. R.",
        "Nguyễn Thị Minh Khai",
        "Ana\u00b7Lluïsa",
        "सुरेश",
    ],
)
def test_names_in_any_script_with_real_punctuation_are_accepted(name):
    assert clean_person_name(name) == name


def test_spaces_at_either_end_are_dropped_and_runs_become_one():
    assert clean_person_name("  Mary   Anne \u00a0") == "Mary Anne"


def test_decomposed_accents_are_stored_composed():
    assert clean_person_name("Siobha\u0301n") == "Siobhán"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the name."),
        ("   ", "Enter the name."),
        ("<script>", "cannot contain < or >"),
        ("Ada2", "cannot contain numbers"),
        ("ada@example.com", "cannot contain @"),
        ("Tab\tName", "control or formatting character"),
        ("Line\nBreak", "control or formatting character"),
        ("Evil\u202eName", "control or formatting character"),
        ("x" * 101, "100 characters or fewer for the name (this has 101)"),
        ("Smith & Sons", "cannot contain \u201c&\u201d"),
        ("'-.", "at least one letter"),
    ],
)
def test_names_that_cannot_be_used_get_a_message_saying_why(name, message):
    with pytest.raises(ValidationError) as refusal:
        clean_person_name(name)

    assert message in refusal.value.messages[0]


def test_a_name_of_exactly_100_characters_is_accepted():
    assert clean_person_name("a" * 100) == "a" * 100


def test_the_message_names_the_field():
    with pytest.raises(ValidationError) as refusal:
        clean_person_name("", "family name")

    assert refusal.value.messages == ["Enter the family name."]
