"""Forms of the manager portal."""

from django import forms
from django.conf import settings

from lms.forms.identity import DetailsForm
from lms.models import CoursePage


class PersonDetailsForm(DetailsForm):
    """A new person's details, as a manager types them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "email"
        ].help_text = "They sign in with it; every person needs their own address."


def courses_for(organisation):
    """Return the courses the organisation holds a credit account for."""
    return CoursePage.objects.live().filter(credit_accounts__organisation=organisation)


class OrganisationCourseMixin:
    """Offer only the courses the manager's organisation holds credits for."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_for(organisation)


def course_field(**kwargs):
    """Return a course choice, filled in by ``OrganisationCourseMixin``."""
    return forms.ModelChoiceField(
        queryset=CoursePage.objects.none(), empty_label=None, **kwargs
    )


class AddDelegateForm(OrganisationCourseMixin, PersonDetailsForm):
    """Add one delegate; the organisation is the manager's own."""

    course = course_field(
        help_text="Adding a delegate spends one credit for this course."
    )


class ImportDelegatesForm(OrganisationCourseMixin, forms.Form):
    """Upload a CSV file of delegates for one course."""

    course = course_field()
    file = forms.FileField(
        label="CSV file",
        help_text=(
            "UTF-8 CSV with the header row title,first_name,family_name,email "
            f"and at most {settings.CREDENCE_IMPORT_MAX_ROWS:,} delegates."
        ),
    )


class EnrolForm(OrganisationCourseMixin, forms.Form):
    """Spend a credit to put a delegate on another course."""

    course = course_field()


class AddManagerForm(PersonDetailsForm):
    """Add a company manager, optionally also licence holder."""

    licence_holder = forms.BooleanField(
        required=False,
        label="Also make them a licence holder (can manage other managers)",
    )


class ManagerRolesForm(forms.Form):
    """Change a person's manager roles."""

    company_manager = forms.BooleanField(required=False, label="Company manager")
    licence_holder = forms.BooleanField(required=False, label="Licence holder")


class DelegateFilterForm(forms.Form):
    """Search, filter and sort the delegate list; bad values are ignored."""

    STATUS_CHOICES = [
        ("", "Any status"),
        ("invited", "Not signed in yet"),
        ("in_progress", "In progress"),
        ("passed", "Passed"),
        ("failed", "Failed"),
        ("locked", "Locked"),
    ]
    SORT_CHOICES = [
        ("name", "Family name"),
        ("email", "Email"),
        ("-added", "Newest first"),
        ("-last_login", "Last signed in"),
    ]

    q = forms.CharField(label="Search name or email", required=False, max_length=100)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False)
