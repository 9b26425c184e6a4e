"""Forms of the provider's admin screens; the operations do the work."""

from django import forms
from django.db.models import Exists, OuterRef

from lms.exceptions import AlreadyManaged, EmailInUse
from lms.models import CoursePage, Organisation, User
from lms.models.people import normalise_email
from lms.services.credits import MAX_CREDITS_PER_ENTRY
from lms.services.organisations import FIRST_MANAGER_DETAILS, needs_first_manager

LIMIT = f"{MAX_CREDITS_PER_ENTRY:,}"


class OrganisationChoiceField(forms.ModelChoiceField):
    """Choose an organisation, seeing which ones nobody manages yet."""

    def __init__(self, **kwargs):
        managed = User.objects.managers().filter(organisation=OuterRef("pk"))
        queryset = Organisation.objects.annotate(managed=Exists(managed))
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj):
        if obj.managed:
            return obj.name
        return f"{obj.name} (no manager yet)"


class CourseChoiceField(forms.ModelChoiceField):
    """Choose one of the published courses, by title."""

    def __init__(self, **kwargs):
        super().__init__(queryset=CoursePage.objects.live().order_by("title"), **kwargs)

    def label_from_instance(self, obj):
        return obj.title


class PurchaseForm(forms.Form):
    """Record credits an organisation bought, and for an organisation that
    nobody manages yet, the first manager who will look after them."""

    organisation = OrganisationChoiceField()
    course = CourseChoiceField()
    quantity = forms.IntegerField(
        label="Credits bought",
        min_value=1,
        max_value=MAX_CREDITS_PER_ENTRY,
        help_text="One credit is one delegate's place on the course.",
        error_messages={
            "min_value": "Enter at least 1 credit.",
            "max_value": f"One purchase adds at most {LIMIT} credits.",
        },
    )
    reference = forms.CharField(
        label="Order or invoice reference",
        max_length=100,
        help_text="As it appears on the invoice, so the ledger can be "
        "reconciled with the accounts.",
    )
    title = forms.ChoiceField(
        choices=[("", "Choose a title")] + User.Title.choices, required=False
    )
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Family name", max_length=100, required=False)
    email = forms.EmailField(label="Email address", max_length=254, required=False)

    purchase_fields = ("organisation", "course", "quantity", "reference")
    manager_fields = tuple(FIRST_MANAGER_DETAILS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_manager = False

    def fieldsets(self):
        """Return the form's fields in the two groups the page shows."""
        return [
            ("Purchase", "", [self[name] for name in self.purchase_fields]),
            (
                "First Company Manager",
                "Only for an organisation with no manager yet. This person "
                "becomes its Company Manager and Licence Holder and is sent "
                "a welcome email to choose a password.",
                [self[name] for name in self.manager_fields],
            ),
        ]

    def clean_email(self):
        return normalise_email(self.cleaned_data.get("email"))

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation is None:
            return cleaned
        given = [name for name in self.manager_fields if cleaned.get(name)]
        self.needs_manager = needs_first_manager(organisation)
        if not self.needs_manager:
            if given:
                raise AlreadyManaged(organisation)
            return cleaned
        for name, label in FIRST_MANAGER_DETAILS.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(
                    name,
                    f"{organisation.name} has no manager yet: enter the first "
                    f"manager's {label}.",
                )
        email = cleaned.get("email")
        if email and User.objects.filter(email__iexact=email).exists():
            self.add_error("email", EmailInUse(email))
        return cleaned

    def first_manager(self):
        """Return the first manager's details, or None when not needed."""
        if not self.needs_manager:
            return None
        return {name: self.cleaned_data[name] for name in self.manager_fields}


class AdjustmentForm(forms.Form):
    """Correct a credit balance by hand, with the reason on record."""

    quantity = forms.IntegerField(
        label="Credits to add or take",
        min_value=-MAX_CREDITS_PER_ENTRY,
        max_value=MAX_CREDITS_PER_ENTRY,
        help_text="A positive number adds credits; a negative one, such as "
        "-2, takes them away. The balance cannot go below zero.",
        error_messages={
            "min_value": f"Take at most {LIMIT} credits at once.",
            "max_value": f"Add at most {LIMIT} credits at once.",
        },
    )
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the ledger: say why, and name any order, invoice or "
        "letter it follows.",
    )

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity == 0:
            raise forms.ValidationError(
                "Enter a number of credits other than 0.", code="invalid_quantity"
            )
        return quantity


class RolesForm(forms.Form):
    """Set a person's roles in their organisation, and whether the provider
    has disabled their account."""

    is_licence_holder = forms.BooleanField(
        label="Licence Holder",
        required=False,
        help_text="Looks after the organisation's managers and delegates; an "
        "organisation always keeps at least one.",
    )
    is_company_manager = forms.BooleanField(
        label="Company Manager",
        required=False,
        help_text="Adds delegates and spends the organisation's credits.",
    )
    is_delegate = forms.BooleanField(
        label="Delegate",
        required=False,
        help_text="Takes courses. Taking this role away returns the person's "
        "unused credits to the organisation.",
    )
    disabled = forms.BooleanField(
        label="Account disabled",
        required=False,
        help_text="A disabled account cannot sign in, whatever its roles. "
        "An account with no role left is closed in any case.",
    )
