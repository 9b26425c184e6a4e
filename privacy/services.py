"""Privacy operations: consents and choices, the identity-change audit,
account actions and the personal-data export.

Each operation that changes something checks the actor's permission first
where there is an actor, works inside one transaction, and raises a named
exception from ``privacy.exceptions``.
"""

import logging

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from privacy import registry
from privacy.exceptions import (
    AlreadyReviewed,
    NoPrivacyNotice,
    NotPermitted,
    UnknownAccountAction,
)
from privacy.models import ChoiceEvent, IdentityChange, PrivacyChoices

logger = logging.getLogger(__name__)

#: The marketing opt-ins, each separate and off until the person ticks it.
MARKETING_CHOICES = (
    ChoiceEvent.Choice.MARKETING_UPDATES,
    ChoiceEvent.Choice.MARKETING_NEW_CONTENT,
    ChoiceEvent.Choice.MARKETING_SURVEYS,
    ChoiceEvent.Choice.MARKETING_RESEARCH,
)
ANALYTICS_OPT_OUT = ChoiceEvent.Choice.ANALYTICS_OPT_OUT
REVIEW_IDENTITY_CHANGES = "privacy.change_identitychange"
#: The name the admin's listing of identity changes registers its URLs as.
IDENTITY_CHANGES_ADMIN = "identity_changes"


def _yes_no(value):
    return "yes" if value else "no"


def choices_for(person):
    """Return the person's privacy choices; unsaved defaults if none yet."""
    choices = PrivacyChoices.objects.filter(user=person).first()
    return choices or PrivacyChoices(user=person)


def _locked_choices(person):
    choices, _ = PrivacyChoices.objects.get_or_create(user=person)
    return PrivacyChoices.objects.select_for_update().get(pk=choices.pk)


def _set_choice(choices, choice, value, now, *, always=False):
    """Set one yes/no choice; record an event if it changed (or always)."""
    if not always and getattr(choices, choice) == value:
        return False
    setattr(choices, choice, value)
    setattr(choices, f"{choice}_at", now)
    ChoiceEvent.objects.create(
        user=choices.user, choice=choice, value=_yes_no(value), created_at=now
    )
    return True


def accept_privacy_notice(*, person, notice):
    """Record that ``person`` accepted ``notice``, a privacy notice version."""
    if notice is None:
        raise NoPrivacyNotice()
    now = timezone.now()
    with transaction.atomic():
        choices = _locked_choices(person)
        choices.notice_version = notice.version_label
        choices.notice_accepted_at = now
        choices.save()
        ChoiceEvent.objects.create(
            user=person,
            choice=ChoiceEvent.Choice.PRIVACY_NOTICE,
            value=notice.version_label,
            created_at=now,
        )
    return choices


def record_first_choices(*, person, notice, marketing, analytics_opt_out):
    """Record the choices made at first sign-in: the notice accepted and
    every marketing and analytics choice, ticked or not, with the time.

    ``marketing`` maps each name in ``MARKETING_CHOICES`` to True or False;
    a missing one counts as not ticked.
    """
    if notice is None:
        raise NoPrivacyNotice()
    now = timezone.now()
    with transaction.atomic():
        choices = accept_privacy_notice(person=person, notice=notice)
        for choice in MARKETING_CHOICES:
            _set_choice(choices, choice, bool(marketing.get(choice)), now, always=True)
        _set_choice(
            choices, ANALYTICS_OPT_OUT, bool(analytics_opt_out), now, always=True
        )
        choices.save()
    return choices


def update_choices(*, person, marketing, analytics_opt_out):
    """Change the person's marketing and analytics choices; return the
    names of the choices that changed (each is timed and kept)."""
    now = timezone.now()
    changed = []
    with transaction.atomic():
        choices = _locked_choices(person)
        for choice in MARKETING_CHOICES:
            if _set_choice(choices, choice, bool(marketing.get(choice)), now):
                changed.append(str(choice))
        if _set_choice(choices, ANALYTICS_OPT_OUT, bool(analytics_opt_out), now):
            changed.append(str(ANALYTICS_OPT_OUT))
        choices.save()
    if changed:
        logger.info("Privacy choices of user %s changed: %s", person.pk, changed)
    return changed


def record_identity_change(
    *, person, field, old, new, changed_by, route, flags, batch=None
):
    """Write one entry of the identity-change audit and return it."""
    values = {
        "user": person,
        "field": IdentityChange.Field(field),
        "old_value": old or "",
        "new_value": new or "",
        "changed_by": changed_by,
        "route": IdentityChange.Route(route),
        "flag_reasons": list(flags),
        "flagged": bool(flags),
    }
    if batch is not None:
        values["batch"] = batch
    return IdentityChange.objects.create(**values)


def count_identity_change_occasions(*, person, since, exclude_batch=None):
    """Return on how many occasions ``person``'s identity changed since
    ``since``; fields changed together count once."""
    changes = IdentityChange.objects.filter(user=person, created_at__gte=since)
    if exclude_batch is not None:
        changes = changes.exclude(batch=exclude_batch)
    return changes.values("batch").distinct().count()


def identity_change_admin_url(change):
    """Return the admin address of ``change``'s review page, or ""."""
    try:
        return reverse(f"{IDENTITY_CHANGES_ADMIN}:inspect", args=[change.pk])
    except NoReverseMatch:
        return ""


def _require_reviewer(actor):
    if not (actor.is_active and actor.has_perm(REVIEW_IDENTITY_CHANGES)):
        raise NotPermitted("Only the training team reviews identity changes.")


def review_identity_change(*, actor, change, note=""):
    """Mark ``change`` as reviewed by ``actor``, with an optional note."""
    _require_reviewer(actor)
    with transaction.atomic():
        change = IdentityChange.objects.select_for_update().get(pk=change.pk)
        if change.review_state != IdentityChange.ReviewState.NEW:
            raise AlreadyReviewed()
        change.review_state = IdentityChange.ReviewState.REVIEWED
        change.reviewed_by = actor
        change.reviewed_at = timezone.now()
        change.review_note = note.strip()
        change.save()
    logger.info("Identity change %s reviewed by user %s", change.pk, actor.pk)
    return change


def mark_identity_changes_actioned(*, actor, person, note):
    """Mark every identity change of ``person`` not yet acted on as
    actioned by ``actor``; return how many were marked."""
    _require_reviewer(actor)
    return (
        IdentityChange.objects.filter(user=person)
        .exclude(review_state=IdentityChange.ReviewState.ACTIONED)
        .update(
            review_state=IdentityChange.ReviewState.ACTIONED,
            reviewed_by=actor,
            reviewed_at=timezone.now(),
            review_note=note.strip(),
        )
    )


def run_account_action(*, actor, name, change, reason):
    """Run the registered account action ``name`` on the person whose
    identity ``change`` records, for the reason given."""
    _require_reviewer(actor)
    action = registry.get_account_action(name)
    if action is None:
        raise UnknownAccountAction()
    result = action.handler(actor=actor, person=change.user, reason=reason)
    logger.info(
        "Account action %s run on user %s by user %s from identity change %s",
        name,
        change.user_id,
        actor.pk,
        change.pk,
    )
    return result


def export_personal_data(person):
    """Return everything registered about ``person`` as JSON-ready data."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account_id": person.pk,
    }
    for name, exporter in registry.personal_data_exporters().items():
        data[name] = exporter(person)
    logger.info("Personal data of user %s exported", person.pk)
    return data


def _when(value):
    return value.isoformat() if value else None


def export_choices(person):
    """Return the person's privacy choices and their history."""
    choices = choices_for(person)
    current = {
        "privacy_notice_version": choices.notice_version or None,
        "privacy_notice_accepted_at": _when(choices.notice_accepted_at),
    }
    for choice in (*MARKETING_CHOICES, ANALYTICS_OPT_OUT):
        current[str(choice)] = getattr(choices, choice)
        current[f"{choice}_changed_at"] = _when(getattr(choices, f"{choice}_at"))
    history = [
        {
            "choice": event.choice,
            "value": event.value,
            "at": _when(event.created_at),
        }
        for event in ChoiceEvent.objects.filter(user=person).order_by("created_at")
    ]
    return {"current": current, "history": history}


def export_identity_changes(person):
    """Return the audit of the person's identity changes."""
    return [
        {
            "field": change.field,
            "old_value": change.old_value,
            "new_value": change.new_value,
            "route": change.route,
            "changed_at": _when(change.created_at),
            "review_state": change.review_state,
        }
        for change in IdentityChange.objects.filter(user=person).order_by(
            "created_at", "pk"
        )
    ]


def apply_retention(*, now=None):
    """Remove personal data older than its registered retention period.

    Each rule runs in its own transaction, so one failing rule keeps the
    others' work. Return (rule, number of records removed) pairs.
    """
    now = now or timezone.now()
    results = []
    for rule in registry.retention_rules():
        with transaction.atomic():
            removed = rule.purge(now - rule.keep)
        logger.info("Retention %s removed %s record(s)", rule.name, removed)
        results.append((rule, removed))
    return results


def purge_identity_changes(cutoff):
    """Delete identity-change audit entries made before ``cutoff``."""
    removed, _ = IdentityChange.objects.filter(created_at__lt=cutoff).delete()
    return removed
