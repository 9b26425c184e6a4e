"""Changes to identity details that involve others: a locked delegate's
change request, the link that confirms a new email address, and the
manager portal's pages for a person's details and change requests."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from lms.forms.identity import ChangeRequestForm, DecisionForm, DetailsForm
from lms.models import ChangeRequest
from lms.services import identity
from lms.views.mixins import ManagerRequiredMixin
from lms.views.profile import PersonalPageMixin, details_of, email_pending_message


def _messages_of(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class RequestChangeView(PersonalPageMixin, FormView):
    """A locked delegate asks their managers to change their details."""

    template_name = "lms/request_change.html"
    form_class = ChangeRequestForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.details_locked:
            messages.info(request, "You can still edit your details yourself.")
            return redirect("lms:profile_edit")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return details_of(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending_request"] = ChangeRequest.objects.filter(
            person=self.request.user, status=ChangeRequest.Status.PENDING
        ).first()
        return context

    def form_valid(self, form):
        try:
            identity.request_change(
                person=self.request.user,
                reason=form.cleaned_data["reason"],
                **form.details(),
            )
        except (ValidationError, PermissionDenied) as error:
            form.apply_error(error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Your request has gone to your organisation's managers. We will "
            "email you when they decide.",
        )
        return redirect("lms:profile")


@method_decorator(never_cache, name="dispatch")
class ConfirmEmailView(View):
    """The link sent to a new email address: a button confirms it, so that
    a mail scanner opening the link changes nothing."""

    template_name = "lms/confirm_email.html"

    def get(self, request, token):
        try:
            change = identity.email_change_for_token(token)
        except ValidationError as error:
            return self._refuse(request, error)
        return render(request, self.template_name, {"change": change})

    def post(self, request, token):
        try:
            person = identity.confirm_email_change(token=token)
        except (ValidationError, PermissionDenied) as error:
            return self._refuse(request, error)
        if request.user.is_authenticated and request.user.pk == person.pk:
            messages.success(
                request, f"Your email address is now {person.email}. Sign in with it."
            )
            return redirect("lms:profile")
        return render(request, self.template_name, {"confirmed": person})

    def _refuse(self, request, error):
        code = getattr(error, "code", None)
        status = 404 if code == "unknown" else 410 if code else 409
        return render(
            request,
            self.template_name,
            {"problem": _messages_of(error)},
            status=status,
        )


class PersonDetailsView(ManagerRequiredMixin, FormView):
    """A manager changes the details of a person in their organisation."""

    template_name = "lms/portal/person_details.html"
    form_class = DetailsForm

    @cached_property
    def person(self):
        """Return the person, or 404 outside the manager's organisation."""
        return get_object_or_404(self.people(), pk=self.kwargs["pk"])

    def get_initial(self):
        return details_of(self.person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            own_account=self.person.pk == self.request.user.pk,
            locked=self.person.details_locked,
            pending_email=identity.pending_email_change(self.person),
        )
        return context

    def form_valid(self, form):
        try:
            update = identity.update_details(
                actor=self.request.user,
                person=self.person,
                route=identity.Route.MANAGER,
                **form.details(),
            )
        except (ValidationError, PermissionDenied) as error:
            form.apply_error(error)
            return self.form_invalid(form)
        if update.changed:
            messages.success(self.request, f"{self.person}'s details are saved.")
        if pending := email_pending_message(update):
            messages.info(self.request, pending)
        if not update:
            messages.info(self.request, "Nothing has changed.")
        return redirect("lms:person_details", pk=self.person.pk)


class ChangeRequestsView(ManagerRequiredMixin, TemplateView):
    """The organisation's change requests: pending ones to approve or
    reject, and those recently decided."""

    template_name = "lms/portal/change_requests.html"

    def requests(self):
        """Return change requests of the manager's organisation only."""
        return ChangeRequest.objects.filter(person__in=self.people()).select_related(
            "person", "decided_by"
        )

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        pending = list(self.requests().filter(status=ChangeRequest.Status.PENDING))
        for change_request in pending:
            if bound is not None and bound[0] == change_request.pk:
                change_request.form = bound[1]
            else:
                change_request.form = DecisionForm(prefix=f"r{change_request.pk}")
            change_request.own = change_request.person_id == self.request.user.pk
        context.update(
            pending=pending,
            decided=self.requests()
            .exclude(status=ChangeRequest.Status.PENDING)
            .order_by("-decided_at")[:20],
        )
        return context

    def post(self, request, *args, **kwargs):
        change_request = get_object_or_404(
            self.requests(), pk=request.POST.get("change_request") or 0
        )
        form = DecisionForm(request.POST, prefix=f"r{change_request.pk}")
        if form.is_valid():
            approve = form.cleaned_data["decision"] == "approve"
            try:
                decided = identity.decide_change_request(
                    actor=request.user,
                    change_request=change_request,
                    approve=approve,
                    reason=form.cleaned_data["reason"],
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _messages_of(error))
            else:
                person = decided.person
                messages.success(
                    request,
                    f"You approved {person}'s change request."
                    if approve
                    else f"You rejected {person}'s change request; they have "
                    "been told why.",
                )
                return redirect("lms:change_requests")
        context = self.get_context_data(bound=(change_request.pk, form))
        return self.render_to_response(context)
