"""Follow-up contact: the line given to workers, and the team's log of retaliation follow-up calls.

Phones stay in the identity vault and never appear on these pages; call notes are encrypted at rest;
"asked not to be called again" withdraws the consent to calls and removes the phone from the vault.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from interviews.followup.models import CallOutcome, FollowUpCall, FollowUpLine
from interviews.followup.selectors import follow_up_line
from interviews.followup.services import follow_up_call_log, follow_up_line_set
from tests.conftest import World
from tests.vault_helpers import CONSENT, interview
from vault.models import Identity, Respondent
from vault.services import consent_withdraw, identity_unlock, respondent_create, response_store

PHONE = "+00 000 000 0042"
NOTE = "SENTINEL-CALL-NOTE-7f3a"
REFERRAL = "SENTINEL-REFERRAL-91c2"
GIVEN_ON = CONSENT["given_on"]


def agreed(world: World, *, identity: dict[str, str] | None = None, site: str = "Test Site 1") -> Respondent:
    """A worker interviewed who agreed to follow-up calls; the phone goes to the identity vault."""
    respondent = respondent_create(
        actor=world.user("interviewer"),
        engagement=world.engagement,
        consent={**CONSENT, "follow_up_calls": True},
        demographics={"nationality": "MM", "gender": "woman", "site": site},
        identity=identity if identity is not None else {"name": "Test Person Alpha", "phone": PHONE},
    )
    response_store(actor=world.user("interviewer"), respondent=respondent, answers={"paid_recruitment_fees": "no"})
    return respondent


def calls_url(world: World, respondent: Respondent) -> str:
    return reverse("followup:calls", args=[world.engagement.pk, respondent.pk])


def list_url(world: World) -> str:
    return reverse("followup:follow_up", args=[world.engagement.pk])


def unlocked(world: World, respondent: Respondent) -> dict[str, str] | None:
    return identity_unlock(actor=world.user("lead"), respondent=respondent, reason="Checking in a test only")


# --- The follow-up line ------------------------------------------------------------------------------------------


def test_the_line_is_none_until_the_lead_sets_it_then_the_tablet_reads_it(world: World, client_for: Any) -> None:
    assert follow_up_line(world.engagement) is None
    response = client_for("lead").post(
        reverse("followup:line", args=[world.engagement.pk]),
        {
            "number": "+00 800 000 0000",
            "free_of_charge": "on",
            "hours": "Every day, 08:00-20:00",
            "languages": ["my", "km"],
            "answered_by": "Test Partner Network",
            "script": "Call this free number if anything happens to you after the interview.",
        },
    )
    assert response.status_code == 302
    line = follow_up_line(world.engagement)
    assert (line.number, line.hours, line.answered_by) == (
        "+00 800 000 0000",
        "Every day, 08:00-20:00",
        "Test Partner Network",
    )
    assert line.language_names == ["Burmese", "Khmer"] and line.free_of_charge
    page = client_for("assessor").get(list_url(world)).content.decode()
    assert "+00 800 000 0000" in page and "Test Partner Network" in page and "Burmese, Khmer" in page


def test_a_line_without_number_or_language_is_refused_and_nothing_is_saved(world: World, client_for: Any) -> None:
    response = client_for("lead").post(
        reverse("followup:line", args=[world.engagement.pk]),
        {"number": "", "hours": "Weekdays", "answered_by": "Test Partner", "script": "Call us."},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "number" in form.errors and "languages" in form.errors
    assert not FollowUpLine.objects.exists()


def test_setting_the_line_again_changes_the_one_line_and_is_audited(world: World) -> None:
    fields = {
        "number": "+00 800 000 0000",
        "free_of_charge": True,
        "hours": "Weekdays",
        "languages": ["my"],
        "answered_by": "Test Partner",
        "script": "Call us.",
    }
    follow_up_line_set(actor=world.user("lead"), engagement=world.engagement, **fields)
    follow_up_line_set(actor=world.user("lead"), engagement=world.engagement, **{**fields, "hours": "Every day"})
    assert FollowUpLine.objects.filter(engagement=world.engagement).count() == 1
    assert follow_up_line(world.engagement).hours == "Every day"
    entries = list(AuditEntry.objects.filter(verb="follow_up.line_set").order_by("at", "id"))
    assert [e.detail for e in entries] == [
        {"created": True, "fields": [f for f in fields if f != "free_of_charge"]},  # True is the default
        {"created": False, "fields": ["hours"]},
    ]


# --- The list of workers who agreed ------------------------------------------------------------------------------


def test_the_list_shows_who_agreed_with_consent_date_and_site_but_never_a_phone(world: World, client_for: Any) -> None:
    yes = agreed(world, site="Test Site North")
    no = interview(world.user("interviewer"), world.engagement, identity={"phone": "+00 000 000 0099"})
    page = client_for("lead").get(list_url(world)).content.decode()
    assert yes.pseudonym in page and "Test Site North" in page and GIVEN_ON.strftime("%-d %b %Y") in page
    assert no.pseudonym not in page
    assert PHONE not in page and "+00 000 000 0099" not in page and "Test Person Alpha" not in page
    # The lead reaches the phone only through the audited identity unlock; the assessor has no such link.
    unlock = reverse("vault:identity_unlock", args=[world.engagement.pk, yes.pk])
    assert unlock in page
    assert unlock not in client_for("assessor").get(list_url(world)).content.decode()
    calls_page = client_for("assessor").get(calls_url(world, yes)).content.decode()
    assert PHONE not in calls_page and "Test Person Alpha" not in calls_page


def test_a_worker_who_did_not_agree_has_no_call_log(world: World, client_for: Any) -> None:
    no = interview(world.user("interviewer"), world.engagement)
    assert client_for("lead").get(calls_url(world, no)).status_code == 404
    with pytest.raises(Exception, match="not agreed to follow-up calls"):
        follow_up_call_log(actor=world.user("lead"), respondent=no, called_on=GIVEN_ON, outcome=CallOutcome.REACHED)
    assert not FollowUpCall.objects.exists()


def test_a_respondent_of_another_engagement_is_not_reachable_through_this_one(world: World, client_for: Any) -> None:
    other = respondent_create(
        actor=world.user("other_org"),
        engagement=world.other_engagement,
        consent={**CONSENT, "follow_up_calls": True},
        demographics={"nationality": "KH"},
    )
    assert client_for("lead").get(calls_url(world, other)).status_code == 404


def test_the_list_costs_the_same_queries_for_two_workers_or_twenty(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for("lead")
    for _n in range(2):
        follow_up_call_log(
            actor=world.user("lead"), respondent=agreed(world), called_on=GIVEN_ON, outcome=CallOutcome.NO_ANSWER
        )
    client.get(list_url(world))
    with django_assert_max_num_queries(8):
        small = client.get(list_url(world))
    for _n in range(18):
        follow_up_call_log(
            actor=world.user("lead"), respondent=agreed(world), called_on=GIVEN_ON, outcome=CallOutcome.REACHED
        )
    with django_assert_max_num_queries(8):
        large = client.get(list_url(world))
    assert small.content.decode().count("Call log") < large.content.decode().count("Call log")


# --- Logging calls -----------------------------------------------------------------------------------------------


def test_call_notes_are_encrypted_at_rest_and_the_audit_names_only_pseudonym_and_outcome(
    world: World, client_for: Any
) -> None:
    respondent = agreed(world)
    response = client_for("assessor").post(
        calls_url(world, respondent),
        {"called_on": GIVEN_ON.isoformat(), "outcome": "reached", "note": NOTE},
    )
    assert response.status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM followup_followupcall")
        rows = cursor.fetchall()
    assert len(rows) == 1
    raw = [bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode() for v in rows[0]]
    assert not any(NOTE.encode() in value for value in raw)
    entry = AuditEntry.objects.get(verb="follow_up.call_logged")
    assert entry.detail == {"pseudonym": respondent.pseudonym, "outcome": "reached"}
    assert not AuditEntry.objects.filter(detail__icontains=NOTE).exists()
    assert NOTE not in entry.target_label
    # The team reads it back, decrypted, on the worker's call log.
    assert NOTE in client_for("lead").get(calls_url(world, respondent)).content.decode()


def test_a_call_note_cannot_be_moved_to_another_row(world: World) -> None:
    """The ciphertext is bound to its row: copied onto another call, it does not open."""
    from interviews.followup.notes import notes_cipher, open_notes
    from vault.crypto import DecryptionError

    respondent = agreed(world)
    first = follow_up_call_log(
        actor=world.user("lead"), respondent=respondent, called_on=GIVEN_ON, outcome="reached", note=NOTE
    )
    second = follow_up_call_log(actor=world.user("lead"), respondent=respondent, called_on=GIVEN_ON, outcome="reached")
    second.ciphertext = first.ciphertext
    with pytest.raises(DecryptionError):
        open_notes(second, notes_cipher(world.engagement.pk))


def test_reported_retaliation_without_a_referral_note_is_refused_and_nothing_is_saved(
    world: World, client_for: Any
) -> None:
    respondent = agreed(world)
    response = client_for("lead").post(
        calls_url(world, respondent), {"called_on": GIVEN_ON.isoformat(), "outcome": "retaliation", "note": NOTE}
    )
    assert response.status_code == 200
    assert "write the referral made" in response.context["form"].errors["referral"][0]
    assert not FollowUpCall.objects.exists()
    assert not AuditEntry.objects.filter(verb="follow_up.call_logged").exists()


def test_reported_retaliation_with_a_referral_is_flagged_on_the_list(world: World, client_for: Any) -> None:
    from interviews.preparation.models import ReferralService

    service = ReferralService.objects.create(
        engagement=world.engagement, country="TH", kind="legal", name="Test Legal Aid", contact="Test contact"
    )
    respondent = agreed(world)
    response = client_for("lead").post(
        calls_url(world, respondent),
        {
            "called_on": GIVEN_ON.isoformat(),
            "outcome": "retaliation",
            "referred_to": service.pk,
            "referral": REFERRAL,
        },
    )
    assert response.status_code == 302
    call = FollowUpCall.objects.get()
    assert call.referred_to == service and REFERRAL.encode() not in bytes(call.ciphertext)
    page = client_for("lead").get(list_url(world)).content.decode()
    assert "Retaliation reported" in page
    log = client_for("lead").get(calls_url(world, respondent)).content.decode()
    assert "Test Legal Aid" in log and REFERRAL in log


@pytest.mark.parametrize(
    ("called_on", "message"),
    [
        (lambda: timezone.localdate() + timedelta(days=1), "cannot be in the future"),
        (lambda: GIVEN_ON - timedelta(days=1), "before the interview's consent date"),
    ],
)
def test_a_call_dated_in_the_future_or_before_consent_is_refused(
    world: World, client_for: Any, called_on: Any, message: str
) -> None:
    respondent = agreed(world)
    response = client_for("lead").post(
        calls_url(world, respondent), {"called_on": called_on().isoformat(), "outcome": "reached"}
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["called_on"])
    assert not FollowUpCall.objects.exists()


def test_a_referral_service_of_another_engagement_is_refused(world: World, client_for: Any) -> None:
    from interviews.preparation.models import ReferralService

    foreign = ReferralService.objects.create(
        engagement=world.other_engagement, country="TH", kind="legal", name="Foreign Service", contact="x"
    )
    respondent = agreed(world)
    response = client_for("lead").post(
        calls_url(world, respondent),
        {"called_on": GIVEN_ON.isoformat(), "outcome": "retaliation", "referred_to": foreign.pk, "referral": "x"},
    )
    assert response.status_code == 200 and "referred_to" in response.context["form"].errors
    assert not FollowUpCall.objects.exists()


# --- "Asked not to be called again" ------------------------------------------------------------------------------


def test_do_not_call_withdraws_consent_and_removes_the_phone_but_keeps_the_name(world: World, client_for: Any) -> None:
    respondent = agreed(world)
    assert unlocked(world, respondent)["phone"] == PHONE
    response = client_for("assessor").post(
        calls_url(world, respondent), {"called_on": GIVEN_ON.isoformat(), "outcome": "do_not_call"}
    )
    assert response.status_code == 302
    respondent.consent.refresh_from_db()
    assert respondent.consent.follow_up_calls is False
    identity = unlocked(world, respondent)
    assert identity["phone"] == "" and identity["name"] == "Test Person Alpha"
    assert AuditEntry.objects.get(verb="consent.follow_up_withdrawn").detail == {
        "pseudonym": respondent.pseudonym,
        "phone_removed": True,
    }
    # The worker stays on the list, marked, with the calls so far; no one can log another call.
    page = client_for("lead").get(list_url(world)).content.decode()
    assert respondent.pseudonym in page and "Do not call" in page
    assert reverse("vault:identity_unlock", args=[world.engagement.pk, respondent.pk]) not in page
    log = client_for("lead").get(calls_url(world, respondent))
    assert "asked not to be called again" in log.content.decode() and 'name="outcome"' not in log.content.decode()
    again = client_for("lead").post(
        calls_url(world, respondent), {"called_on": GIVEN_ON.isoformat(), "outcome": "reached"}
    )
    assert again.status_code == 200 and FollowUpCall.objects.count() == 1


def test_do_not_call_deletes_an_identity_that_held_only_the_phone(world: World) -> None:
    respondent = agreed(world, identity={"phone": PHONE})
    assert Identity.objects.filter(engagement=world.engagement).count() == 1
    follow_up_call_log(
        actor=world.user("lead"), respondent=respondent, called_on=GIVEN_ON, outcome=CallOutcome.DO_NOT_CALL
    )
    assert not Identity.objects.filter(engagement=world.engagement).exists()
    assert unlocked(world, respondent) is None


def test_withdrawing_consent_altogether_deletes_the_call_log(world: World) -> None:
    respondent = agreed(world)
    follow_up_call_log(
        actor=world.user("lead"), respondent=respondent, called_on=GIVEN_ON, outcome="reached", note=NOTE
    )
    consent_withdraw(actor=world.user("lead"), respondent=respondent)
    assert not FollowUpCall.objects.exists()


def test_the_phase_4_page_links_for_the_team_only(world: World, client_for: Any) -> None:
    link = list_url(world)
    detail = reverse("engagements:detail", args=[world.engagement.pk])
    assert link in client_for("lead").get(detail).content.decode()
    assert link in client_for("assessor").get(detail).content.decode()
    for persona in ("interviewer", "business", "workerrep"):
        assert link not in client_for(persona).get(detail).content.decode(), persona


def test_the_demo_seeder_is_idempotent(world: World) -> None:
    from interviews.followup.demo import seed_demo_followup

    lead, assessor = world.user("lead"), world.user("assessor")
    interview(world.user("interviewer"), world.engagement, identity={"name": "Test Person Beta"})
    users = {"lead@demo.example": lead, "assessor@demo.example": assessor}
    seed_demo_followup(world.engagement, users)
    seed_demo_followup(world.engagement, users)
    assert FollowUpLine.objects.filter(engagement=world.engagement).count() == 1
    assert FollowUpCall.objects.filter(engagement=world.engagement).count() == 1
    respondent = Respondent.objects.get(engagement=world.engagement)
    assert unlocked(world, respondent) == {
        "pseudonym": respondent.pseudonym,
        "name": "Test Person Beta",
        "phone": "+00 000 000 0001",
        "employee_number": "",
        "passport_number": "",
        "notes": "",
    }


def test_consent_date_is_the_floor_for_calls_even_on_the_consent_day(world: World) -> None:
    respondent = agreed(world)
    call = follow_up_call_log(
        actor=world.user("lead"), respondent=respondent, called_on=date(2026, 11, 1), outcome="no_answer"
    )
    assert call.called_on == GIVEN_ON
