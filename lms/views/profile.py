"""A person's own pages: first-sign-in confirmation, profile and privacy
choices, editing their details, their data and their training history."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from lms.courses import progress
from lms.exceptions import DetailsLocked
from lms.forms.identity import (
    ANALYTICS_WARNING,
    ChoicesForm,
    ConfirmDetailsForm,
    CreditRequestForm,
    DetailsForm,
)
from lms.models import ChangeRequest, CoursePage, CreditRequest, Enrolment
from lms.services import credits, identity
from privacy import services as privacy
from privacy.models import current_privacy_notice


#: Course progress shown until lessons record it, by enrolment status.
def details_of(person):
    """Return ``person``'s details as a form's initial data."""
    return {
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
    }


def email_pending_message(update):
    """Return what to tell the person about a new address, or ""."""
    if not update.email_pending:
        return ""
    hours = settings.CREDENCE_EMAIL_CHANGE_LINK_HOURS
    return (
        f"We have sent a link to {update.email_pending}. The email address "
        f"changes when it is followed, within {hours} hours."
    )


class PersonalPageMixin(LoginRequiredMixin):
    """Signed-in pages about the person themself, never cached."""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


class ConfirmDetailsView(PersonalPageMixin, FormView):
    """First sign-in: confirm details, accept the privacy notice and make
    the marketing and analytics choices."""

    template_name = "lms/confirm_details.html"
    form_class = ConfirmDetailsForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.details_confirmed_at:
            return redirect(self.next_url())
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        """Return where to go after confirming: ``next`` if it is ours."""
        target = self.request.POST.get("next") or self.request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return target
        return reverse("lms:training_history")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.notice = current_privacy_notice()
        self.locked = self.request.user.details_locked
        kwargs.update(
            notice=self.notice,
            locked=self.locked,
            initial=details_of(self.request.user),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            notice=self.notice,
            locked=self.locked,
            organisation=self.request.user.organisation,
            next=self.next_url(),
        )
        return context

    def form_valid(self, form):
        try:
            update = identity.confirm_details(
                person=self.request.user,
                **form.details(),
                notice=self.notice,
                marketing=form.marketing(),
                analytics_opt_out=form.analytics_opt_out(),
            )
        except (ValidationError, PermissionDenied) as error:
            form.apply_error(error)
            return self.form_invalid(form)
        messages.success(self.request, "Thank you: your details are confirmed.")
        if pending := email_pending_message(update):
            messages.info(self.request, pending)
        return redirect(self.next_url())


class ProfileView(PersonalPageMixin, TemplateView):
    """The person's details, their organisation's analytics choice and
    their own privacy choices, which they can change at any time."""

    template_name = "lms/profile.html"

    def get_context_data(self, choices_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        choices = privacy.choices_for(person)
        notice = current_privacy_notice()
        if choices_form is None:
            initial = {
                name: getattr(choices, name)
                for name in (*privacy.MARKETING_CHOICES, privacy.ANALYTICS_OPT_OUT)
            }
            choices_form = ChoicesForm(initial=initial)
        context.update(
            person=person,
            organisation=person.organisation,
            locked=person.details_locked,
            pending_email=identity.pending_email_change(person),
            pending_request=ChangeRequest.objects.filter(
                person=person, status=ChangeRequest.Status.PENDING
            ).first(),
            choices=choices,
            choices_form=choices_form,
            notice=notice,
            newer_notice=(
                notice
                if notice and choices.notice_version != notice.version_label
                else None
            ),
            analytics_warning=ANALYTICS_WARNING,
        )
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "accept_notice":
            try:
                privacy.accept_privacy_notice(
                    person=request.user, notice=current_privacy_notice()
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Thank you: you have accepted the notice.")
            return redirect("lms:profile")
        form = ChoicesForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(choices_form=form))
        changed = privacy.update_choices(
            person=request.user,
            marketing=form.marketing(),
            analytics_opt_out=form.analytics_opt_out(),
        )
        if changed:
            messages.success(request, "Your privacy choices are saved.")
        else:
            messages.info(request, "Your privacy choices are unchanged.")
        return redirect("lms:profile")


class ProfileEditView(PersonalPageMixin, FormView):
    """Edit one's own details until the first assessment attempt."""

    template_name = "lms/profile_edit.html"
    form_class = DetailsForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.details_locked:
            messages.error(request, DetailsLocked().args[0])
            return redirect("lms:profile")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return details_of(self.request.user)

    def form_valid(self, form):
        try:
            update = identity.update_details(
                actor=self.request.user,
                person=self.request.user,
                route=identity.Route.DELEGATE,
                **form.details(),
            )
        except (ValidationError, PermissionDenied) as error:
            form.apply_error(error)
            return self.form_invalid(form)
        if update.changed:
            messages.success(self.request, "Your details are saved.")
        if pending := email_pending_message(update):
            messages.info(self.request, pending)
        if not update:
            messages.info(self.request, "Nothing has changed.")
        return redirect("lms:profile")


class DownloadMyDataView(PersonalPageMixin, View):
    """Send the person everything Credence holds about them, as JSON."""

    def get(self, request):
        data = privacy.export_personal_data(request.user)
        body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"credence-my-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store, private"
        return response


class TrainingHistoryView(PersonalPageMixin, TemplateView):
    """A delegate's results, managers, progress and credit requests."""

    template_name = "lms/training_history.html"

    def courses_to_request(self):
        """Return the live courses the person holds no place or request on."""
        person = self.request.user
        return (
            CoursePage.objects.live()
            .exclude(enrolments__delegate=person)
            .exclude(
                pk__in=CreditRequest.objects.filter(
                    delegate=person, status=CreditRequest.Status.PENDING
                ).values("course")
            )
            .order_by("title")
        )

    def get_context_data(self, credit_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        last = Enrolment.objects.filter(delegate=person).aggregate(
            first=Max("first_attempt_at"), completed=Max("completed_at")
        )
        courses = self.courses_to_request()
        can_request = bool(person.is_delegate and person.organisation_id)
        context.update(
            person=person,
            organisation=person.organisation,
            courses=progress.training_summary(person),
            bookmarks=progress.bookmarks_for(person),
            managers=(
                identity.organisation_managers(person.organisation).exclude(
                    pk=person.pk
                )
                if person.organisation_id
                else []
            ),
            last_assessment=max(
                (moment for moment in last.values() if moment), default=None
            ),
            certificates=[],
            credit_requests=CreditRequest.objects.filter(delegate=person)
            .select_related("course")
            .order_by("-created_at")[:10],
            can_request=can_request,
            credit_form=credit_form
            or (CreditRequestForm(courses=courses) if can_request else None),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CreditRequestForm(request.POST, courses=self.courses_to_request())
        if form.is_valid():
            try:
                credits.request_credit(
                    delegate=request.user,
                    course=form.cleaned_data["course"],
                    message=form.cleaned_data["message"],
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(
                    None,
                    error if isinstance(error, ValidationError) else str(error),
                )
            else:
                messages.success(
                    request,
                    "Your request has gone to your organisation's managers.",
                )
                return redirect("lms:training_history")
        return self.render_to_response(self.get_context_data(credit_form=form))
