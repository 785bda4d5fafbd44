"""The grievance and retaliation log: the team only; texts encrypted; reporters only in the identity vault,
unlocked one case at a time through the vault's unlock-with-reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans.followups.models import GrievanceCase, GrievanceStatus
from actionplans.followups.selectors import grievance_texts
from actionplans.followups.services import grievance_record, grievance_reporter_unlock, grievance_update
from audit.models import AuditEntry
from tests.conftest import World
from tests.security.test_vault_at_rest import _contains, _every_stored_value
from vault.models import Identity
from vault.services import retention_destroy_identities, retention_set

pytestmark = pytest.mark.django_db

TEXT = "SENTINEL-GRIEVANCE-TEXT-4b1d"
OUTCOME = "SENTINEL-GRIEVANCE-OUTCOME-9e2c"
NAME = "Sentinelreporter Qzxv"
PHONE = "+00 999 888 7771"
TODAY = date(2026, 6, 1)


def _case(world: World, **overrides: Any) -> GrievanceCase:
    fields = {
        "received_on": date(2026, 5, 20),
        "channel": "follow_up_line",
        "category": "threats",
        "alleges_retaliation": True,
        "description": f"{TEXT}: a supervisor threatened the night shift.",
        "reporter_name": NAME,
        "reporter_phone": PHONE,
        "today": TODAY,
        **overrides,
    }
    return grievance_record(actor=world.user("assessor"), engagement=world.engagement, **fields)


def url(world: World, name: str, case: GrievanceCase | None = None) -> str:
    kwargs: dict[str, Any] = {"engagement_id": world.engagement.pk}
    if case is not None:
        kwargs["case_id"] = case.pk
    return reverse(f"followups:{name}", kwargs=kwargs)


def test_no_table_holds_the_texts_or_the_reporter_in_clear(world: World) -> None:
    case = _case(world)
    grievance_update(
        actor=world.user("lead"),
        case=case,
        status="resolved",
        outcome=f"{OUTCOME}: overtime restored.",
        referred_to="Test Legal Aid",
        referred_on=date(2026, 5, 21),
        today=TODAY,
    )
    case.refresh_from_db()
    # Usable by the team...
    texts = grievance_texts(case)
    assert TEXT in texts["description"] and OUTCOME in texts["outcome"]
    assert (
        grievance_reporter_unlock(actor=world.user("lead"), case=case, reason="Test: calling back the reporter")["name"]
        == NAME
    )
    # ...and nowhere in clear: not in the case, the identity vault, the audit log, anywhere.
    needles = (TEXT, OUTCOME, NAME, "Sentinelreporter", PHONE)
    leaks = [(t, c) for t, c, v in _every_stored_value() if any(_contains(v, n) for n in needles)]
    assert not leaks, f"plaintext found in {leaks}"
    # The case row carries no link to its reporter but its random reference.
    columns = {f.column for f in GrievanceCase._meta.concrete_fields}
    assert not {"reporter", "reporter_name", "reporter_phone", "identity_id"} & columns
    assert Identity.objects.filter(engagement=world.engagement).count() == 1


def test_a_case_without_a_reporter_puts_nothing_in_the_vault(world: World) -> None:
    _case(world, reporter_name="", reporter_phone="")
    assert not Identity.objects.exists()


def test_the_list_shows_no_reporter_and_no_text(world: World, client_for: Any) -> None:
    case = _case(world)
    html = client_for("assessor").get(url(world, "grievances")).content.decode()
    assert case.reference in html and "Retaliation" in html
    assert NAME not in html and PHONE not in html and TEXT not in html


def test_the_team_reads_the_case_but_not_the_reporter(world: World, client_for: Any) -> None:
    case = _case(world)
    html = client_for("assessor").get(url(world, "grievance", case)).content.decode()
    assert TEXT in html and NAME not in html and PHONE not in html
    # The reporter is the vault's: only who holds the identity unlock (the lead).
    assert client_for("assessor").get(url(world, "grievance_reporter", case)).status_code == 403
    assert client_for("assessor").post(url(world, "grievance_reporter", case), {"reason": "x" * 20}).status_code == 403


def test_unlocking_the_reporter_needs_a_reason_and_is_in_the_access_log(world: World, client_for: Any) -> None:
    case = _case(world)
    client = client_for("lead")
    refused = client.post(url(world, "grievance_reporter", case), {"reason": "why"})
    assert NAME not in refused.content.decode()
    assert not AuditEntry.objects.filter(verb="identity.unlocked").exists()
    reason = "Test: calling back about the referral"
    html = client.post(url(world, "grievance_reporter", case), {"reason": reason}).content.decode()
    assert NAME in html and PHONE in html
    entry = AuditEntry.objects.get(verb="identity.unlocked")
    assert entry.detail == {"pseudonym": case.reference, "reason": reason, "found": True}
    assert entry.actor == world.user("lead") and entry.target_id == str(case.pk)
    # The vault's access log lists it with the interviews' unlocks.
    log = client.get(reverse("vault:data_protection", kwargs={"engagement_id": world.engagement.pk}))
    assert case.reference in log.content.decode()


@pytest.mark.parametrize("persona", ["business", "workerrep", "org_admin", "interviewer"])
def test_outsiders_and_interviewers_are_refused(world: World, client_for: Any, persona: str) -> None:
    case = _case(world)
    client = client_for(persona)
    for name in ("grievances", "grievance_new"):
        assert client.get(url(world, name)).status_code == 403
    assert client.get(url(world, "grievance", case)).status_code == 403
    assert client.post(url(world, "grievance", case), {"status": "closed", "outcome": "x"}).status_code == 403
    assert client.get(url(world, "grievance_reporter", case)).status_code == 403


def test_another_organisation_gets_not_found(world: World, client_for: Any) -> None:
    case = _case(world)
    client = client_for("other_org")
    assert client.get(url(world, "grievances")).status_code == 404
    assert client.get(url(world, "grievance", case)).status_code == 404
    # Nor can a case be reached through another engagement's URL.
    other = reverse("followups:grievance", kwargs={"engagement_id": world.other_engagement.pk, "case_id": case.pk})
    assert client.get(other).status_code == 404


def test_logging_a_case_through_the_page(world: World, client_for: Any) -> None:
    client = client_for("assessor")
    response = client.post(
        url(world, "grievance_new"),
        {
            "received_on": "2026-05-20",
            "channel": "civil_society",
            "category": "recruitment_fees",
            "description": f"{TEXT} via the partner",
            "reporter_phone": PHONE,
        },
    )
    case = GrievanceCase.objects.get(engagement=world.engagement)
    assert response.status_code == 302 and response["Location"] == url(world, "grievance", case)
    assert PHONE not in response["Location"] and case.reference.startswith("G-")
    entry = AuditEntry.objects.get(verb="grievance.recorded")
    assert entry.detail["reference"] == case.reference and TEXT not in str(entry.detail)


def test_status_rules_referral_and_outcome(world: World) -> None:
    case = _case(world)
    lead = world.user("lead")
    with pytest.raises(ValidationError, match="to whom and when"):
        grievance_update(actor=lead, case=case, status="referred", today=TODAY)
    with pytest.raises(ValidationError, match="before it was received"):
        grievance_update(
            actor=lead, case=case, status="referred", referred_to="Test CSO", referred_on=date(2026, 5, 1), today=TODAY
        )
    with pytest.raises(ValidationError, match="outcome"):
        grievance_update(actor=lead, case=case, status="closed", today=TODAY)
    grievance_update(
        actor=lead, case=case, status="referred", referred_to="Test CSO", referred_on=date(2026, 5, 22), today=TODAY
    )
    case.refresh_from_db()
    assert (case.status, case.referred_to) == (GrievanceStatus.REFERRED, "Test CSO")
    assert TEXT in grievance_texts(case)["description"]  # the description survives an update
    entry = AuditEntry.objects.get(verb="grievance.updated")
    assert entry.detail["status"] == "referred" and entry.detail["previous_status"] == "received"


def test_a_future_case_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="future"):
        _case(world, received_on=date(2026, 6, 2))
    assert not GrievanceCase.objects.exists() and not Identity.objects.exists()


def test_reporters_are_shredded_with_the_engagements_identities_at_the_end_of_retention(world: World) -> None:
    case = _case(world)
    retention = retention_set(actor=world.user("lead"), engagement=world.engagement, keep_until=date(2026, 6, 30))
    retention_destroy_identities(retention=retention)
    with pytest.raises(ValidationError, match="destroyed"):
        grievance_reporter_unlock(actor=world.user("lead"), case=case, reason="Test: after retention ended")
    # The case itself stays for the record.
    assert TEXT in grievance_texts(GrievanceCase.objects.get(pk=case.pk))["description"]
