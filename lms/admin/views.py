"""The provider's admin forms: record a purchase, adjust a balance, and set
a person's roles. Each hands its form to an operation and shows what the
operation refused next to the field it concerns."""

import csv
import datetime

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail_modeladmin.views import IndexView

from lms.admin.access import staff_can
from lms.admin.display import account_status, roles_text
from lms.admin.forms import AdjustmentForm, PurchaseForm, RolesForm
from lms.models import CreditAccount, User
from lms.permissions import MANAGE_MANAGERS
from lms.services.credits import RECORD_PURCHASES, adjust_credits
from lms.services.organisations import record_organisation_purchase
from lms.services.people import change_roles

#: URL names of the listings the forms return to.
LEDGER_URL_NAME = "training_ledger_modeladmin_index"
BALANCES_URL_NAME = "training_balances_modeladmin_index"
PEOPLE_URL_NAME = "training_people_modeladmin_index"
#: The ledger's query parameter that filters it to one organisation.
LEDGER_ORGANISATION_PARAM = "account__organisation__id__exact"

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ProviderFormView(WagtailAdminTemplateMixin, FormView):
    """A form in the admin, open only to staff with ``permission_required``.

    ``perform(form)`` calls the operation and returns the success message;
    a ValidationError it raises is shown on the form and nothing is saved.
    """

    template_name = "lms/admin/form.html"
    permission_required = ()
    submit_button_label = "Save"
    #: The field that shows a refusal with this code; others go on top.
    error_fields = {}

    def dispatch(self, request, *args, **kwargs):
        if not staff_can(request.user, *self.permission_required):
            raise PermissionDenied
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self):
        """Look up what the URL names, once permission is established."""

    def get_breadcrumbs_items(self):
        # The modeladmin listings use the plain header; so do their forms.
        return []

    def get_summary(self):
        """Return (label, value) pairs shown above the form."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label="Saving…",
            media=context["form"].media,
            summary=self.get_summary(),
        )
        return context

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except ValidationError as refusal:
            code = getattr(refusal, "code", None)
            form.add_error(self.error_fields.get(code), refusal)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, "Nothing was saved. Correct the form below.")
        return super().form_invalid(form)


class RecordPurchaseView(ProviderFormView):
    """Record credits an organisation bought; for an organisation nobody
    manages yet, also create its first manager."""

    form_class = PurchaseForm
    template_name = "lms/admin/purchase_form.html"
    permission_required = (RECORD_PURCHASES,)
    page_title = "Record a credit purchase"
    header_icon = "plus"
    submit_button_label = "Record purchase"
    error_fields = {"email_in_use": "email", "invalid_quantity": "quantity"}

    def get_initial(self):
        initial = super().get_initial()
        for name in ("organisation", "course"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial

    def perform(self, form):
        data = form.cleaned_data
        self.organisation = data["organisation"]
        entry, manager = record_organisation_purchase(
            actor=self.request.user,
            organisation=data["organisation"],
            course=data["course"],
            quantity=data["quantity"],
            reference=data["reference"],
            first_manager=form.first_manager(),
        )
        message = (
            f"{entry.quantity:,} credits for {data['course'].title} recorded for "
            f"{self.organisation.name} (reference {entry.reference})."
        )
        if manager is not None:
            message += (
                f" {manager.get_full_name()} is its Company Manager and Licence "
                f"Holder; the welcome email is on its way to {manager.email}."
            )
        return message

    def get_success_url(self):
        query = urlencode({LEDGER_ORGANISATION_PARAM: self.organisation.pk})
        return f"{reverse(LEDGER_URL_NAME)}?{query}"


class AdjustBalanceView(ProviderFormView):
    """Correct one credit balance by hand, with the reason in the ledger."""

    form_class = AdjustmentForm
    permission_required = (RECORD_PURCHASES,)
    page_title = "Adjust a credit balance"
    header_icon = "table"
    submit_button_label = "Adjust balance"
    error_fields = {
        "below_zero": "quantity",
        "invalid_quantity": "quantity",
        "required": "reason",
    }

    def load_objects(self):
        self.account = get_object_or_404(
            CreditAccount.objects.select_related("organisation", "course"),
            pk=self.kwargs["pk"],
        )

    def get_page_subtitle(self):
        return f"{self.account.organisation.name}, {self.account.course.title}"

    def get_summary(self):
        return [
            ("Organisation", self.account.organisation.name),
            ("Course", self.account.course.title),
            ("Balance now", self.account.balance),
        ]

    def perform(self, form):
        entry = adjust_credits(
            actor=self.request.user,
            organisation=self.account.organisation,
            course=self.account.course,
            quantity=form.cleaned_data["quantity"],
            reason=form.cleaned_data["reason"],
        )
        return (
            f"Balance for {self.account.course.title} at "
            f"{self.account.organisation.name} adjusted by {entry.quantity:+,}; "
            f"it is now {entry.account.balance:,}."
        )

    def get_success_url(self):
        return reverse(BALANCES_URL_NAME)


class PersonRolesView(ProviderFormView):
    """Set a customer's roles and whether their account is disabled.

    Installed as the People listing's edit view, so modeladmin passes the
    listing and the person's key.
    """

    model_admin = None
    instance_pk = None
    form_class = RolesForm
    permission_required = ("lms.change_user", MANAGE_MANAGERS)
    page_title = "Roles"
    header_icon = "user"
    submit_button_label = "Save roles"

    def load_objects(self):
        pk = unquote(str(self.instance_pk))
        if not pk.isdigit():
            raise Http404("No such person.")
        self.person = get_object_or_404(
            User.objects.filter(organisation__isnull=False).select_related(
                "organisation"
            ),
            pk=pk,
        )

    def get_page_subtitle(self):
        return self.person.get_full_name()

    def get_summary(self):
        person = self.person
        last_login = (
            date_format(timezone.localtime(person.last_login), "j F Y, H:i")
            if person.last_login
            else "Never"
        )
        return [
            ("Name", person.get_full_name()),
            ("Email address", person.email),
            ("Organisation", person.organisation.name),
            ("Roles now", roles_text(person)),
            ("Account", account_status(person)),
            ("Last sign-in", last_login),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary_note"] = (
            "Names and email addresses are not changed here: they are the "
            "person's identity on their certificates."
        )
        return context

    def get_initial(self):
        person = self.person
        return {
            "is_licence_holder": person.is_licence_holder,
            "is_company_manager": person.is_company_manager,
            "is_delegate": person.is_delegate,
            "disabled": person.disabled_at is not None,
        }

    def perform(self, form):
        data = form.cleaned_data
        returned = change_roles(
            actor=self.request.user,
            person=self.person,
            delegate=data["is_delegate"],
            company_manager=data["is_company_manager"],
            licence_holder=data["is_licence_holder"],
            disabled=data["disabled"],
        )
        message = f"Roles of {self.person.get_full_name()} saved."
        if returned:
            message += (
                f" {returned} unused credit{'s' if returned != 1 else ''} "
                f"returned to {self.person.organisation.name}."
            )
        return message

    def get_success_url(self):
        return reverse(PEOPLE_URL_NAME)


class ResultsTitleMixin:
    """Title a modeladmin listing with its menu label."""

    def get_page_title(self):
        return self.model_admin.get_menu_label()


class CsvExportIndexView(ResultsTitleMixin, IndexView):
    """A modeladmin listing that downloads as CSV only.

    The listing's ModelAdmin names the columns in ``export_columns``, pairs
    of a heading and a function of one row. Text that a spreadsheet would
    run as a formula is prefixed with an apostrophe, since delegates' names
    and references are typed by people outside the provider.
    """

    FORMATS = (SpreadsheetExportMixin.FORMAT_CSV,)
    export_buttons_template_name = "lms/admin/csv_export_button.html"

    def get_filename(self):
        today = timezone.localdate().isoformat()
        return f"{self.model_admin.export_filename}-{today}"

    def stream_csv(self, queryset):
        columns = self.model_admin.export_columns
        writer = csv.writer(_Echo())
        # The byte order mark lets spreadsheet programs read UTF-8 names.
        yield "\ufeff" + writer.writerow([heading for heading, _ in columns])
        for item in queryset.iterator(chunk_size=2000):
            yield writer.writerow([_cell(value(item)) for _, value in columns])


class _Echo:
    """A file-like object that hands back what is written to it."""

    def write(self, value):
        return value


def _cell(value):
    """Return ``value`` as CSV text that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
