"""The manager portal: an organisation's credits, delegates and managers."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from lms.forms.portal import (
    AddDelegateForm,
    AddManagerForm,
    DelegateFilterForm,
    EnrolForm,
    ImportDelegatesForm,
    ManagerRolesForm,
)
from lms.models import CreditAccount, CreditRequest, DelegateImport, Enrolment
from lms.permissions import MANAGE_MANAGERS
from lms.reports import delegate_list
from lms.services import credits, imports, people
from lms.views.mixins import ManagerRequiredMixin


class OperationMixin:
    """Run an operation and turn its refusal into a message for the person."""

    def attempt(self, operation, **kwargs):
        """Return ``(result, True)``, or ``(None, False)`` after showing the
        person why the operation refused."""
        try:
            return operation(actor=self.request.user, **kwargs), True
        except (ValidationError, PermissionDenied) as refusal:
            for message in getattr(refusal, "messages", None) or [str(refusal)]:
                messages.error(self.request, message)
            return None, False


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


class DelegateListView(ManagerRequiredMixin, ListView):
    """List the organisation's delegates with search, filters and sorting."""

    template_name = "lms/portal/delegate_list.html"
    context_object_name = "delegates"

    def get_paginate_by(self, queryset):
        return settings.CREDENCE_PAGE_SIZE

    def get_queryset(self):
        self.filters = DelegateFilterForm(self.request.GET)
        values = self.filters.cleaned_data if self.filters.is_valid() else {}
        return delegate_list(
            self.people(),
            q=values.get("q", ""),
            status=values.get("status", ""),
            sort=values.get("sort") or "name",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters"] = self.filters
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class AddDelegateView(ManagerRequiredMixin, OperationMixin, FormView):
    """Add one delegate, spending a credit for the chosen course."""

    template_name = "lms/portal/delegate_add.html"
    form_class = AddDelegateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_valid(self, form):
        details = {k: v for k, v in form.cleaned_data.items() if k != "course"}
        delegate, ok = self.attempt(
            people.add_delegate,
            organisation=self.organisation,
            course=form.cleaned_data["course"],
            **details,
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{delegate.get_full_name()} was added and sent a welcome email. "
            "One credit was used.",
        )
        return redirect("lms:delegate", pk=delegate.pk)


class DelegateMixin(ManagerRequiredMixin):
    """Look up a delegate of the manager's organisation from the URL."""

    def get_delegate(self):
        return get_object_or_404(
            self.people().filter(is_delegate=True), pk=self.kwargs["pk"]
        )


class DelegateDetailView(DelegateMixin, DetailView):
    """Show one delegate's courses and what can be done for them."""

    template_name = "lms/portal/delegate_detail.html"
    context_object_name = "delegate"

    def get_object(self, queryset=None):
        return self.get_delegate()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrolments"] = self.object.enrolments.select_related("course")
        context["enrol_form"] = EnrolForm(organisation=self.organisation)
        return context


class DelegateActionView(DelegateMixin, OperationMixin, View):
    """Base of the one-button actions on a delegate; POST only."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        delegate = self.get_delegate()
        self.act(delegate)
        return redirect(self.success_url(delegate))

    def success_url(self, delegate):
        return reverse("lms:delegate", kwargs={"pk": delegate.pk})


class ResendWelcomeView(DelegateActionView):
    """Send a delegate a fresh set-password link."""

    def act(self, delegate):
        _, ok = self.attempt(people.resend_welcome, person=delegate)
        if ok:
            messages.success(self.request, "A new welcome email is on its way.")


class RemindDelegateView(DelegateActionView):
    """Remind one delegate to finish their courses."""

    def act(self, delegate):
        sent, ok = self.attempt(
            people.send_reminders, organisation=self.organisation, delegate=delegate
        )
        if ok:
            messages.success(
                self.request,
                "A reminder was sent."
                if sent
                else "There is nothing left to remind of.",
            )


class EnrolDelegateView(DelegateActionView):
    """Spend a credit to put a delegate on another course."""

    def act(self, delegate):
        form = EnrolForm(self.request.POST, organisation=self.organisation)
        if not form.is_valid():
            messages.error(self.request, "Choose one of your organisation's courses.")
            return
        _, ok = self.attempt(
            credits.allocate_credit,
            delegate=delegate,
            course=form.cleaned_data["course"],
        )
        if ok:
            messages.success(self.request, "Enrolled; one credit was used.")


class UnlockEnrolmentView(DelegateActionView):
    """Let a locked delegate try the assessment again, free of charge."""

    def act(self, delegate):
        enrolment = get_object_or_404(
            Enrolment, pk=self.kwargs["enrolment_pk"], delegate=delegate
        )
        _, ok = self.attempt(people.unlock_enrolment, enrolment=enrolment)
        if ok:
            messages.success(self.request, "Unlocked. No credit was used.")


class RemoveDelegateView(DelegateMixin, OperationMixin, DetailView):
    """Confirm, then remove a delegate from the organisation's training."""

    template_name = "lms/portal/delegate_remove.html"
    context_object_name = "delegate"

    def get_object(self, queryset=None):
        return self.get_delegate()

    def post(self, request, *args, **kwargs):
        delegate = self.get_delegate()
        returned, ok = self.attempt(people.remove_delegate, delegate=delegate)
        if not ok:
            return redirect("lms:delegate", pk=delegate.pk)
        messages.success(
            request,
            f"{delegate.get_full_name()} was removed. "
            f"{returned} unused credit{'s' if returned != 1 else ''} returned.",
        )
        return redirect("lms:delegates")


class RemindAllView(ManagerRequiredMixin, OperationMixin, View):
    """Remind every delegate who has not finished."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        sent, ok = self.attempt(people.send_reminders, organisation=self.organisation)
        if ok:
            messages.success(
                request, f"{sent} reminder{'s' if sent != 1 else ''} sent."
            )
        return redirect("lms:delegates")


class ImportDelegatesView(ManagerRequiredMixin, OperationMixin, FormView):
    """Upload a CSV file of delegates and check it."""

    template_name = "lms/portal/import_upload.html"
    form_class = ImportDelegatesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["max_rows"] = settings.CREDENCE_IMPORT_MAX_ROWS
        return context

    def form_valid(self, form):
        delegate_import, ok = self.attempt(
            imports.preview_import,
            organisation=self.organisation,
            course=form.cleaned_data["course"],
            uploaded_file=form.cleaned_data["file"],
        )
        if not ok:
            return self.form_invalid(form)
        return redirect("lms:import_preview", pk=delegate_import.pk)


class ImportPreviewView(ManagerRequiredMixin, OperationMixin, DetailView):
    """Show the row-by-row check of an upload and confirm it."""

    template_name = "lms/portal/import_preview.html"
    context_object_name = "delegate_import"

    def get_queryset(self):
        return DelegateImport.objects.filter(
            organisation=self.organisation, uploaded_by=self.request.user
        ).select_related("course")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        balance = imports.credits_available(self.object)
        context["balance"] = balance
        context["enough_credit"] = balance >= len(self.object.rows)
        return context

    def post(self, request, *args, **kwargs):
        delegate_import = self.get_object()
        delegates, ok = self.attempt(
            imports.confirm_import, delegate_import=delegate_import
        )
        if not ok:
            return redirect("lms:import_preview", pk=delegate_import.pk)
        messages.success(
            request,
            f"{len(delegates)} delegates were added and sent welcome emails.",
        )
        return redirect("lms:delegates")


class ManagerListView(ManagerRequiredMixin, ListView):
    """List the organisation's managers; licence holders change them."""

    template_name = "lms/portal/manager_list.html"
    context_object_name = "managers"
    permission_required = MANAGE_MANAGERS

    def get_queryset(self):
        return self.people().managers()


class AddManagerView(ManagerRequiredMixin, OperationMixin, FormView):
    """Add a company manager or licence holder."""

    template_name = "lms/portal/manager_add.html"
    form_class = AddManagerForm
    permission_required = MANAGE_MANAGERS

    def form_valid(self, form):
        details = {k: v for k, v in form.cleaned_data.items() if k != "licence_holder"}
        manager, ok = self.attempt(
            people.add_manager,
            organisation=self.organisation,
            licence_holder=form.cleaned_data["licence_holder"],
            **details,
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(
            self.request, f"{manager.get_full_name()} was added as a manager."
        )
        return redirect("lms:managers")


class ManagerRolesView(ManagerRequiredMixin, OperationMixin, FormView):
    """Change or remove a person's manager roles."""

    template_name = "lms/portal/manager_roles.html"
    form_class = ManagerRolesForm
    permission_required = MANAGE_MANAGERS

    def get_person(self):
        return get_object_or_404(
            self.people().filter(is_active=True), pk=self.kwargs["pk"]
        )

    def get_initial(self):
        person = self.get_person()
        return {
            "company_manager": person.is_company_manager,
            "licence_holder": person.is_licence_holder,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "person": self.get_person()}

    def form_valid(self, form):
        person, ok = self.attempt(
            people.set_manager_roles,
            person=self.get_person(),
            company_manager=form.cleaned_data["company_manager"],
            licence_holder=form.cleaned_data["licence_holder"],
        )
        if not ok:
            return self.form_invalid(form)
        messages.success(self.request, f"{person.get_full_name()}'s roles were saved.")
        return redirect("lms:managers")


class CreditRequestListView(ManagerRequiredMixin, ListView):
    """List delegates' requests for credits on other courses."""

    template_name = "lms/portal/credit_requests.html"
    context_object_name = "credit_requests"

    def get_paginate_by(self, queryset):
        return settings.CREDENCE_PAGE_SIZE

    def get_queryset(self):
        return (
            CreditRequest.objects.filter(delegate__in=self.people())
            .select_related("delegate", "course", "decided_by")
            .order_by("status", "-created_at")
        )


class DecideCreditRequestView(ManagerRequiredMixin, OperationMixin, View):
    """Approve or decline a credit request."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        credit_request = get_object_or_404(
            CreditRequest.objects.filter(delegate__in=self.people()),
            pk=self.kwargs["pk"],
        )
        approve = request.POST.get("decision") == "approve"
        _, ok = self.attempt(
            credits.decide_credit_request,
            credit_request=credit_request,
            approve=approve,
        )
        if ok:
            messages.success(
                request,
                "Approved: one credit was used."
                if approve
                else "The request was declined.",
            )
        return redirect("lms:credit_requests")
