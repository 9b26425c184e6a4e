"""The manager portal: an organisation's credits, delegates and managers."""

from django.views.generic import TemplateView

from lms.models import CreditAccount, CreditRequest
from lms.views.mixins import ManagerRequiredMixin


class DashboardView(ManagerRequiredMixin, TemplateView):
    """Show the organisation's credit balances and what needs attention."""

    template_name = "lms/portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["accounts"] = CreditAccount.objects.filter(
            organisation=self.organisation
        ).select_related("course")
        context["pending_credit_requests"] = CreditRequest.objects.filter(
            delegate__organisation=self.organisation,
            status=CreditRequest.Status.PENDING,
        ).count()
        return context
