"""Access rules shared by the manager portal's views."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from lms.permissions import (
    MANAGE_DELEGATES,
    MANAGE_MANAGERS,
    organisations_managed_by,
    people_managed_by,
)


@method_decorator(never_cache, name="dispatch")
class ManagerRequiredMixin(LoginRequiredMixin):
    """Let in a manager of an organisation, and scope everything to it.

    ``self.organisation`` is the organisation the person manages; objects
    are looked up through ``self.people()`` so that another organisation's
    records answer 404, never 403 (which would confirm they exist).
    """

    permission_required = MANAGE_DELEGATES

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = (
            organisations_managed_by(request.user, self.permission_required)
            .filter(pk=request.user.organisation_id)
            .first()
        )
        if self.organisation is None:
            raise Http404("You do not manage an organisation.")
        return super().dispatch(request, *args, **kwargs)

    def people(self):
        """Return everyone in the manager's organisation."""
        return people_managed_by(self.request.user).filter(
            organisation=self.organisation
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation"] = self.organisation
        context["can_manage_managers"] = self.request.user.has_perm(
            MANAGE_MANAGERS, self.organisation
        )
        return context
