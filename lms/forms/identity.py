"""Forms for a person's details, privacy choices and change requests.

They check what was typed and say what is wrong; the rules themselves live
in ``lms.validators`` and ``lms.services.identity``.
"""

from django import forms
from django.core.exceptions import ValidationError

from lms.models import CoursePage, User
from lms.validators import clean_person_name
from privacy.services import ANALYTICS_OPT_OUT, MARKETING_CHOICES

#: The wording of each marketing opt-in, as the person reads it.
MARKETING_LABELS = {
    "marketing_updates": "Email me updates about Credence's services and "
    "training materials",
    "marketing_new_content": "Email me when new content is added to the site",
    "marketing_surveys": "Invite me to feedback surveys",
    "marketing_research": "Invite me to take part in statistics and research",
}
ANALYTICS_LABEL = "Leave my results out of anonymised analytics"
ANALYTICS_WARNING = (
    "Check with your employer before you opt out: your organisation may "
    "rely on these figures to see where its training needs attention."
)


class PersonNameField(forms.CharField):
    """A name in any script, checked by ``clean_person_name``."""

    def __init__(self, *, label, autocomplete, **kwargs):
        super().__init__(
            label=label,
            error_messages={"required": f"Enter the {label.lower()}."},
            widget=forms.TextInput(
                attrs={"autocomplete": autocomplete, "spellcheck": "false"}
            ),
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        return clean_person_name(value, self.label.lower())


class DetailsForm(forms.Form):
    """Title, first name, family name and email address."""

    title = forms.ChoiceField(
        choices=[("", "None")] + list(User.Title.choices), required=False
    )
    first_name = PersonNameField(label="First name", autocomplete="given-name")
    last_name = PersonNameField(label="Family name", autocomplete="family-name")
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="You sign in with it. A new address takes effect when you "
        "follow the link we send to it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter the email address.",
            "invalid": "Enter an email address in the form name@example.com.",
            "max_length": "Use 254 characters or fewer for the email address "
            "(this has %(show_value)d).",
        },
    )

    detail_fields = ("title", "first_name", "last_name", "email")

    def details(self):
        """Return the cleaned details as keyword arguments."""
        return {name: self.cleaned_data[name] for name in self.detail_fields}

    def apply_error(self, error):
        """Show a refusal from an operation on the form, field by field
        where it names fields."""
        if isinstance(error, ValidationError):
            self.add_error(None, error)
        else:
            self.add_error(None, str(error))


def _choice_fields():
    fields = {
        str(choice): forms.BooleanField(
            label=MARKETING_LABELS[choice], required=False, initial=False
        )
        for choice in MARKETING_CHOICES
    }
    fields[str(ANALYTICS_OPT_OUT)] = forms.BooleanField(
        label=ANALYTICS_LABEL,
        required=False,
        initial=False,
        help_text=ANALYTICS_WARNING,
    )
    return fields


class ChoicesForm(forms.Form):
    """The marketing opt-ins and the analytics opt-out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_choice_fields())

    def marketing(self):
        """Return each marketing choice as True or False."""
        return {str(c): self.cleaned_data[str(c)] for c in MARKETING_CHOICES}

    def analytics_opt_out(self):
        """Return True if the person opts out of anonymised analytics."""
        return self.cleaned_data[str(ANALYTICS_OPT_OUT)]

    def marketing_fields(self):
        """Return the bound marketing fields, in order."""
        return [self[str(choice)] for choice in MARKETING_CHOICES]


class ConfirmDetailsForm(DetailsForm, ChoicesForm):
    """First sign-in: details, the privacy notice and every choice."""

    accept_notice = forms.BooleanField(
        required=True,
        error_messages={
            "required": "Tick the box to accept the privacy notice. You need "
            "to accept it to use Credence."
        },
    )

    def __init__(self, *args, notice=None, locked=False, **kwargs):
        super().__init__(*args, **kwargs)
        label = "I have read and accept the privacy notice"
        if notice is not None:
            label += f" (version {notice.version_label})"
        self.fields["accept_notice"].label = label
        if locked:
            for name in self.detail_fields:
                self.fields[name].disabled = True


class ChangeRequestForm(DetailsForm):
    """The details a locked delegate asks their managers to set."""

    reason = forms.CharField(
        label="Why do you need the change?",
        required=False,
        max_length=1000,
        help_text="For example: I have married and changed my family name.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": "Use 1,000 characters or fewer (this has %(show_value)d)."
        },
    )


class DecisionForm(forms.Form):
    """A manager's decision on a change request."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose to approve or reject the request."},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=1000,
        help_text="Needed when you reject a request; the delegate sees it.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CreditRequestForm(forms.Form):
    """A delegate's request for a credit on another course."""

    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        empty_label="Choose a course",
        error_messages={"required": "Choose the course you would like to take."},
    )
    message = forms.CharField(
        label="Message to your managers",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
