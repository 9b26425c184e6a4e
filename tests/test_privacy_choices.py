"""Privacy choices: the notice accepted, four separate marketing opt-ins
and the analytics opt-out, each timed, with a history kept; and the
personal-data export."""

import pytest
from django.utils import timezone

from privacy import services
from privacy.exceptions import NoPrivacyNotice
from privacy.models import ChoiceEvent, PrivacyChoices
from tests.factories import OrganisationFactory, make_delegate
from tests.identity_factories import make_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate():
    return make_delegate(OrganisationFactory())


def test_delegate_first_choices_record_the_notice_and_every_choice_with_times(
    delegate, home_page
):
    notice = make_notice(home_page, version_label="2.1")
    before = timezone.now()

    services.record_first_choices(
        person=delegate,
        notice=notice,
        marketing={"marketing_surveys": True},
        analytics_opt_out=False,
    )

    choices = PrivacyChoices.objects.get(user=delegate)
    assert choices.notice_version == "2.1"
    assert choices.notice_accepted_at >= before
    assert choices.marketing_surveys is True
    assert choices.marketing_updates is False
    assert choices.marketing_new_content is False
    assert choices.marketing_research is False
    for name in (*services.MARKETING_CHOICES, services.ANALYTICS_OPT_OUT):
        assert getattr(choices, f"{name}_at") >= before
    events = ChoiceEvent.objects.filter(user=delegate)
    assert events.count() == 6
    assert events.get(choice="privacy_notice").value == "2.1"
    assert events.get(choice="marketing_surveys").value == "yes"
    assert events.get(choice="marketing_updates").value == "no"


def test_delegate_cannot_confirm_without_a_notice_in_force(delegate):
    with pytest.raises(NoPrivacyNotice):
        services.record_first_choices(
            person=delegate, notice=None, marketing={}, analytics_opt_out=False
        )

    assert not PrivacyChoices.objects.exists()


def test_delegate_changing_one_choice_times_and_records_only_that_one(
    delegate, home_page
):
    services.record_first_choices(
        person=delegate,
        notice=make_notice(home_page),
        marketing={},
        analytics_opt_out=False,
    )
    choices = PrivacyChoices.objects.get(user=delegate)
    survey_time = choices.marketing_surveys_at

    changed = services.update_choices(
        person=delegate,
        marketing={"marketing_updates": True},
        analytics_opt_out=True,
    )

    choices.refresh_from_db()
    assert changed == ["marketing_updates", "analytics_opt_out"]
    assert choices.marketing_updates and choices.analytics_opt_out
    assert choices.marketing_surveys_at == survey_time
    assert ChoiceEvent.objects.filter(user=delegate).count() == 8


def test_delegate_choice_events_are_never_changed(delegate):
    event = ChoiceEvent.objects.create(
        user=delegate, choice="marketing_updates", value="yes"
    )
    event.value = "no"

    with pytest.raises(ValueError):
        event.save()


def test_delegate_export_gathers_what_every_app_registered(delegate, home_page):
    services.record_first_choices(
        person=delegate,
        notice=make_notice(home_page),
        marketing={"marketing_research": True},
        analytics_opt_out=False,
    )

    data = services.export_personal_data(delegate)

    assert data["account"]["email"] == delegate.email
    assert data["roles"] == ["Delegate"]
    assert data["privacy_choices"]["current"]["marketing_research"] is True
    assert len(data["privacy_choices"]["history"]) == 6
    for name in ("enrolments", "credit_requests", "change_requests"):
        assert data[name] == []
    assert data["identity_changes"] == []
