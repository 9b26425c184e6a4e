"""The provider's listings in the Wagtail admin, grouped under "Training":
organisations, the credit ledger, credit balances and people.

Every listing loads its page in a fixed number of queries, however many
rows it shows: related rows are joined or prefetched, counts come from
subqueries.
"""

import datetime

from django.contrib.admin import (
    DateFieldListFilter,
    RelatedFieldListFilter,
    SimpleListFilter,
    display,
)
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import Truncator
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import CreateView, HistoryView, IndexView

from lms.admin.access import (
    OrganisationPermissions,
    PeoplePermissions,
    ReadOnlyPermissions,
    staff_can,
)
from lms.admin.display import account_status, roles_text
from lms.admin.views import (
    AdjustBalanceView,
    CsvExportIndexView,
    PersonRolesView,
    RecordPurchaseView,
    ResultsTitleMixin,
)
from lms.models import CreditAccount, CreditEntry, Organisation, User
from lms.services.credits import RECORD_PURCHASES

PURCHASE_URL_NAME = "lms_admin_record_purchase"
ADJUST_URL_NAME = "lms_admin_adjust_balance"


def purchase_url(**params):
    """Return the address of the purchase form, filled in with ``params``."""
    url = reverse(PURCHASE_URL_NAME)
    return f"{url}?{urlencode(params)}" if params else url


def _name(person):
    return person.get_full_name() if person is not None else ""


class ProviderIndexView(ResultsTitleMixin, IndexView):
    """A listing titled with its menu label."""


class OrganisationListFilter(RelatedFieldListFilter):
    """Filter by organisation, without an "empty" choice: every customer
    record belongs to one."""

    @property
    def include_empty_choice(self):
        return False


class DateListFilter(DateFieldListFilter):
    """Filter by date ranges up to today, titled "date"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "date"


class ProviderModelAdmin(ModelAdmin):
    """A listing of the provider's admin that offers only its ``actions``.

    Views a listing does not offer get no address at all, so they answer
    404 rather than a form that would be refused.
    """

    #: The modeladmin views this listing offers.
    actions = ("index",)
    history_view_enabled = False
    index_view_class = ProviderIndexView

    def get_admin_urls_for_registration(self):
        urls = tuple(
            re_path(
                self.url_helper.get_action_url_pattern(action),
                getattr(self, f"{action}_view"),
                name=self.url_helper.get_action_url_name(action),
            )
            for action in self.actions
        )
        return urls + tuple(self.get_extra_urls())

    def get_extra_urls(self):
        """Return the addresses of this listing's own forms."""
        return []

    def register_admin_url_finders(self):
        if "edit" in self.actions:
            super().register_admin_url_finders()

    def register_indexing(self):
        # Wagtail's reference index tracks content that pages link to; these
        # records are not linked from pages, and indexing them would add
        # writes to every purchase and role change.
        pass


class RowButtons(ButtonHelper):
    """Buttons for a listing's rows, with an edit button named for what it
    edits and extra buttons from ``extra_buttons``."""

    edit_label = "Edit"

    def edit_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().edit_button(pk, classnames_add, classnames_exclude)
        button["label"] = self.edit_label
        return button

    def extra_buttons(self, obj):
        """Return (label, url, title) of further buttons for ``obj``."""
        return []

    def get_buttons_for_obj(
        self, obj, exclude=None, classnames_add=None, classnames_exclude=None
    ):
        buttons = super().get_buttons_for_obj(
            obj, exclude, classnames_add, classnames_exclude
        )
        classname = self.finalise_classname(
            ["button-secondary", *(classnames_add or [])], classnames_exclude
        )
        for label, url, title in self.extra_buttons(obj):
            buttons.append(
                {"url": url, "label": label, "classname": classname, "title": title}
            )
        return buttons


# Organisations


class OrganisationButtons(RowButtons):
    """Edit an organisation, or record a purchase for it."""

    def extra_buttons(self, obj):
        if not staff_can(self.request.user, RECORD_PURCHASES):
            return []
        return [
            (
                "Record purchase",
                purchase_url(organisation=obj.pk),
                f"Record a credit purchase for {obj.name}",
            )
        ]


class OrganisationCreateView(CreateView):
    """Add an organisation, then go straight on to its first purchase, which
    also creates its first manager."""

    def get_success_message(self, instance):
        return (
            f"Organisation '{instance.name}' added. Record its first purchase "
            "to create its Company Manager's account."
        )

    def get_success_url(self):
        if staff_can(self.request.user, RECORD_PURCHASES):
            return purchase_url(organisation=self.instance.pk)
        return super().get_success_url()


class OrganisationHistoryView(HistoryView):
    """Who added and changed an organisation, for those who may list them."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)


class OrganisationAdmin(ProviderModelAdmin):
    """Customer organisations, with their delegates, managers and credits."""

    model = Organisation
    menu_label = "Organisations"
    menu_icon = "group"
    base_url_path = "training/organisations"
    actions = ("index", "create", "edit", "history")
    history_view_enabled = True
    permission_helper_class = OrganisationPermissions
    button_helper_class = OrganisationButtons
    create_view_class = OrganisationCreateView
    history_view_class = OrganisationHistoryView
    list_display = ("name", "delegates", "managers", "balances")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    panels = [
        FieldPanel("name"),
        FieldPanel(
            "slug",
            help_text="A short name for web addresses: lower-case letters, "
            "numbers and hyphens.",
        ),
        FieldPanel("analytics_opt_in"),
    ]

    def get_queryset(self, request):
        delegates = (
            User.objects.filter(
                organisation=OuterRef("pk"), is_delegate=True, is_active=True
            )
            .order_by()
            .values("organisation")
            .annotate(total=Count("pk"))
            .values("total")
        )
        managers = User.objects.managers().order_by(
            "-is_licence_holder", "last_name", "first_name"
        )
        accounts = CreditAccount.objects.select_related("course").order_by(
            "course__title"
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                delegate_count=Coalesce(
                    Subquery(delegates, output_field=IntegerField()), 0
                )
            )
            .prefetch_related(
                Prefetch("people", queryset=managers, to_attr="manager_list"),
                Prefetch("credit_accounts", queryset=accounts, to_attr="account_list"),
            )
        )

    @display(description="Delegates", ordering="delegate_count")
    def delegates(self, obj):
        """Return how many active delegates the organisation has."""
        return obj.delegate_count

    @display(description="Managers")
    def managers(self, obj):
        """Return the names of the organisation's active managers."""
        if not obj.manager_list:
            return "No manager yet"
        return "; ".join(
            f"{person.get_full_name()}"
            + (" (Licence Holder)" if person.is_licence_holder else "")
            for person in obj.manager_list
        )

    @display(description="Credit balances")
    def balances(self, obj):
        """Return the credits left per course."""
        if not obj.account_list:
            return "No credits bought"
        return "; ".join(
            f"{account.course.title}: {account.balance:,}"
            for account in obj.account_list
        )


# The ledger


class MonthFilter(SimpleListFilter):
    """Entries made in one calendar month (UK time), for reconciling."""

    title = "month"
    parameter_name = "month"

    def lookups(self, request, model_admin):
        months = CreditEntry.objects.datetimes("created_at", "month", order="DESC")
        return [
            (month.strftime("%Y-%m"), month.strftime("%B %Y")) for month in months[:24]
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            year, month = (int(part) for part in self.value().split("-"))
            zone = timezone.get_current_timezone()
            start = datetime.datetime(year, month, 1, tzinfo=zone)
            following = (start + datetime.timedelta(days=32)).replace(day=1)
        except (ValueError, OverflowError):
            return queryset.none()
        return queryset.filter(created_at__gte=start, created_at__lt=following)


class LedgerAdmin(ProviderModelAdmin):
    """Every movement of credits, read-only, filterable and downloadable."""

    model = CreditEntry
    menu_label = "Ledger"
    menu_icon = "list-ul"
    base_url_path = "training/ledger"
    permission_helper_class = ReadOnlyPermissions
    index_view_class = CsvExportIndexView
    list_per_page = 50
    list_display = (
        "time",
        "organisation",
        "course",
        "kind",
        "credits",
        "delegate",
        "reference",
        "short_reason",
        "recorded_by",
    )
    list_filter = (
        ("account__organisation", OrganisationListFilter),
        ("account__course", RelatedFieldListFilter),
        "kind",
        ("created_at", DateListFilter),
        MonthFilter,
    )
    list_select_related = (
        "account__organisation",
        "account__course",
        "delegate",
        "created_by",
    )
    search_fields = ("reference", "account__organisation__name")
    export_filename = "credence-credit-ledger"
    #: The downloaded columns: a heading and how to read it from an entry.
    export_columns = (
        ("Time (UK)", lambda entry: entry.created_at),
        ("Organisation", lambda entry: entry.account.organisation.name),
        ("Course", lambda entry: entry.account.course.title),
        ("Kind", lambda entry: entry.get_kind_display()),
        ("Credits", lambda entry: entry.quantity),
        ("Delegate", lambda entry: _name(entry.delegate)),
        ("Reference", lambda entry: entry.reference),
        ("Reason", lambda entry: entry.reason),
        ("Recorded by", lambda entry: _name(entry.created_by)),
    )
    list_export = tuple(heading for heading, _ in export_columns)

    @display(description="Time", ordering="created_at")
    def time(self, obj):
        """Return when the entry was made."""
        return obj.created_at

    @display(description="Organisation", ordering="account__organisation__name")
    def organisation(self, obj):
        """Return the name of the organisation whose credits moved."""
        return obj.account.organisation.name

    @display(description="Course", ordering="account__course__title")
    def course(self, obj):
        """Return the title of the course the credits are for."""
        return obj.account.course.title

    @display(description="Credits", ordering="quantity")
    def credits(self, obj):
        """Return the credits added (positive) or taken (negative)."""
        return obj.quantity

    @display(description="Reason")
    def short_reason(self, obj):
        """Return the start of the reason recorded with the entry."""
        return Truncator(obj.reason).chars(80)

    @display(description="Recorded by")
    def recorded_by(self, obj):
        """Return the name of the person who made the entry."""
        return _name(obj.created_by)


# Credit balances


class BalanceButtons(RowButtons):
    """Adjust a balance, or record a purchase for the same course."""

    def extra_buttons(self, obj):
        if not staff_can(self.request.user, RECORD_PURCHASES):
            return []
        where = f"{obj.organisation.name}, {obj.course.title}"
        return [
            (
                "Adjust",
                reverse(ADJUST_URL_NAME, args=[obj.pk]),
                f"Adjust the balance of {where}",
            ),
            (
                "Record purchase",
                purchase_url(organisation=obj.organisation_id, course=obj.course_id),
                f"Record a credit purchase for {where}",
            ),
        ]


class BalanceAdmin(ProviderModelAdmin):
    """Each organisation's credits left per course, with manual adjustment."""

    model = CreditAccount
    menu_label = "Credit balances"
    menu_icon = "table"
    base_url_path = "training/balances"
    permission_helper_class = ReadOnlyPermissions
    button_helper_class = BalanceButtons
    list_display = ("organisation", "course", "balance")
    list_filter = (
        ("organisation", OrganisationListFilter),
        ("course", RelatedFieldListFilter),
    )
    list_select_related = ("organisation", "course")
    search_fields = ("organisation__name",)

    def get_extra_urls(self):
        return [
            path(
                "training/balances/adjust/<int:pk>/",
                AdjustBalanceView.as_view(),
                name=ADJUST_URL_NAME,
            )
        ]


# People


class RoleFilter(SimpleListFilter):
    """People holding one customer role, or none."""

    title = "role"
    parameter_name = "role"
    roles = {
        "licence_holder": ("Licence Holder", Q(is_licence_holder=True)),
        "company_manager": ("Company Manager", Q(is_company_manager=True)),
        "delegate": ("Delegate", Q(is_delegate=True)),
        "none": (
            "No role",
            Q(is_licence_holder=False, is_company_manager=False, is_delegate=False),
        ),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.roles.items()]

    def queryset(self, request, queryset):
        if self.value() in self.roles:
            return queryset.filter(self.roles[self.value()][1])
        return queryset


class AccountFilter(SimpleListFilter):
    """People by whether they can sign in."""

    title = "account"
    parameter_name = "account"
    states = {
        "active": ("Active", Q(is_active=True)),
        "closed": ("Closed", Q(is_active=False, disabled_at__isnull=True)),
        "disabled": ("Disabled", Q(disabled_at__isnull=False)),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.states.items()]

    def queryset(self, request, queryset):
        if self.value() in self.states:
            return queryset.filter(self.states[self.value()][1])
        return queryset


class PeopleButtons(RowButtons):
    """Edit a person's roles; nothing else about them is edited here."""

    edit_label = "Edit roles"


class PeopleAdmin(ProviderModelAdmin):
    """Customers' accounts and roles; names and email addresses are shown,
    never edited, here."""

    model = User
    menu_label = "People"
    menu_icon = "user"
    base_url_path = "training/people"
    actions = ("index", "edit")
    permission_helper_class = PeoplePermissions
    button_helper_class = PeopleButtons
    edit_view_class = PersonRolesView
    list_display = ("name", "email", "organisation", "roles", "status", "last_sign_in")
    list_filter = (("organisation", OrganisationListFilter), RoleFilter, AccountFilter)
    list_select_related = ("organisation",)
    search_fields = ("first_name", "last_name", "email")

    def get_queryset(self, request):
        # The provider's own staff are managed in Wagtail's Users screens.
        return super().get_queryset(request).filter(organisation__isnull=False)

    def register_admin_url_finders(self):
        # Links to an account elsewhere in the admin stay with Wagtail's
        # Users screens, which also cover the provider's staff.
        pass

    @display(description="Name", ordering="last_name")
    def name(self, obj):
        """Return the person's name as printed on certificates."""
        return obj.get_full_name()

    @display(description="Roles")
    def roles(self, obj):
        """Return the person's customer roles."""
        return roles_text(obj)

    @display(description="Account")
    def status(self, obj):
        """Return whether the person can sign in."""
        return account_status(obj)

    @display(description="Last sign-in", ordering="last_login", empty_value="Never")
    def last_sign_in(self, obj):
        """Return when the person last signed in, if ever."""
        return obj.last_login


# The menu


class StaffMenuItem(MenuItem):
    """A menu link shown only to staff holding ``perms``."""

    def __init__(self, *args, perms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.perms = perms

    def is_shown(self, request):
        return staff_can(request.user, *self.perms)


class TrainingAdminGroup(ModelAdminGroup):
    """The "Training" menu: the provider's side of organisations and
    credits."""

    menu_label = "Training"
    menu_icon = "clipboard-list"
    menu_order = 150
    items = (OrganisationAdmin, LedgerAdmin, BalanceAdmin, PeopleAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            1,
            StaffMenuItem(
                "Record a purchase",
                reverse(PURCHASE_URL_NAME),
                icon_name="plus",
                perms=(RECORD_PURCHASES,),
            ),
        )
        for order, item in enumerate(items, start=1):
            item.order = order
        return items

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            path(
                "training/purchases/new/",
                RecordPurchaseView.as_view(),
                name=PURCHASE_URL_NAME,
            ),
        )
