"""The training team's listing of identity changes in the Wagtail admin:
filters by review state and by the rename safeguard's flag, a page per
change, and the review and account actions taken from it.

Entries are an audit: the admin never adds, edits or deletes them.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.views.generic import View
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from privacy import registry, services
from privacy.models import IdentityChange

_NEVER = ("add", "delete")


class IdentityChangePermissionPolicy(ModelPermissionPolicy):
    """View permission shows the listing and change permission reviews;
    nobody adds or deletes audit entries."""

    def user_has_permission(self, user, action):
        if action in _NEVER:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(
            [action for action in actions if action not in _NEVER]
        )


register_permission_policy(
    IdentityChange, IdentityChangePermissionPolicy(IdentityChange)
)


class IdentityChangeFilterSet(WagtailFilterSet):
    """Filters of the listing: review state, flag, field and route."""

    review_state = django_filters.ChoiceFilter(
        label="Review state",
        choices=IdentityChange.ReviewState.choices,
        empty_label="Any",
    )
    flagged = django_filters.BooleanFilter(
        label="Flagged by the rename safeguard",
        widget=forms.Select(choices=[("", "Any"), ("true", "Yes"), ("false", "No")]),
    )
    field = django_filters.ChoiceFilter(
        label="Field", choices=IdentityChange.Field.choices, empty_label="Any"
    )
    route = django_filters.ChoiceFilter(
        label="Changed by way of",
        choices=IdentityChange.Route.choices,
        empty_label="Any",
    )

    class Meta:
        model = IdentityChange
        fields = ["review_state", "flagged", "field", "route"]


class IdentityChangeIndexView(IndexView):
    """The listing, newest first, with the people involved fetched once."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user", "user__organisation", "changed_by")
        )


class ReviewForm(forms.Form):
    """An optional note kept with the review."""

    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AccountActionForm(forms.Form):
    """The reason for an action on the account, which is required."""

    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Recorded in the audit and sent to the person and their managers.",
        error_messages={"required": "Give the reason for this action."},
    )


class IdentityChangeInspectView(InspectView):
    """One identity change: the values, the safeguard's reasons, the
    person's other changes, and the actions the reviewer can take."""

    template_name = "privacy/admin/identity_change_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            IdentityChange.objects.select_related(
                "user", "user__organisation", "changed_by", "reviewed_by"
            ),
            pk=self.pk,
        )

    def get_field_display_value(self, field_name, field):
        # Wagtail looks for get_<name>_display_value on the view, which for
        # the model's "field" attribute is this very method.
        if field_name == "field":
            return self.object.get_field_display()
        return super().get_field_display_value(field_name, field)

    @cached_property
    def can_review(self):
        """Return True if the signed-in user may review identity changes."""
        return self.request.user.has_perm(services.REVIEW_IDENTITY_CHANGES)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        change = self.object
        context.update(
            change=change,
            others=IdentityChange.objects.filter(user=change.user_id)
            .exclude(pk=change.pk)
            .select_related("changed_by")[:20],
            can_review=self.can_review,
            review_form=ReviewForm(),
            actions=[
                (action, AccountActionForm(prefix=action.name))
                for action in registry.account_actions()
            ]
            if self.can_review and change.user.is_active
            else [],
        )
        return context


class ReviewView(View):
    """Mark an identity change as reviewed."""

    def post(self, request, pk):
        change = get_object_or_404(IdentityChange, pk=pk)
        form = ReviewForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.review_identity_change(
                actor=request.user, change=change, note=note
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, "The identity change is marked as reviewed.")
        return redirect(f"{services.IDENTITY_CHANGES_ADMIN}:inspect", pk=change.pk)


class AccountActionView(View):
    """Run a registered account action on the person an identity change
    is about."""

    def post(self, request, pk, name):
        change = get_object_or_404(IdentityChange.objects.select_related("user"), pk=pk)
        form = AccountActionForm(request.POST, prefix=name)
        if not form.is_valid():
            messages.error(request, "Give the reason for this action.")
        else:
            try:
                services.run_account_action(
                    actor=request.user,
                    name=name,
                    change=change,
                    reason=form.cleaned_data["reason"],
                )
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, _message(error))
            else:
                action = registry.get_account_action(name)
                messages.success(request, f"Done: {action.label.lower()}.")
        return redirect(f"{services.IDENTITY_CHANGES_ADMIN}:inspect", pk=change.pk)


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do that."


class IdentityChangeViewSet(ModelViewSet):
    """Identity changes for the training team to review."""

    model = IdentityChange
    name = services.IDENTITY_CHANGES_ADMIN
    icon = "user"
    menu_label = "Identity changes"
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = IdentityChangeIndexView
    inspect_view_class = IdentityChangeInspectView
    filterset_class = IdentityChangeFilterSet
    list_per_page = 50
    ordering = "-created_at"
    list_display = [
        "user",
        Column("user.organisation", label="Organisation"),
        "field",
        "old_value",
        "new_value",
        "route",
        Column("changed_by", label="Changed by"),
        DateColumn("created_at", label="Changed at", sort_key="created_at"),
        Column("flag_summary", label="Rename safeguard"),
        StatusTagColumn(
            "get_review_state_display",
            label="Review state",
            sort_key="review_state",
            primary=lambda change: change.review_state == "new",
        ),
    ]
    inspect_view_fields = [
        "user",
        "field",
        "old_value",
        "new_value",
        "changed_by",
        "route",
        "created_at",
        "review_state",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # The audit has no add, edit, delete, history or usage pages.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("review/<int:pk>/", ReviewView.as_view(), name="review"),
            path(
                "action/<int:pk>/<slug:name>/",
                AccountActionView.as_view(),
                name="account_action",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_identity_change_viewset():
    """Add "Identity changes" to the admin menu."""
    return IdentityChangeViewSet()
