"""Phase 7: progress with evidence, verification and closing, external verification, reopening.

Issue 7: "closing needs evidence and the assessor's verification; external verification is recorded for
financial remediation". Through the pages as the people would use them, and the services' own refusals.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ActionStatus
from actionplans.monitoring import services
from actionplans.monitoring.models import Decision, Evidence, ProgressUpdate, Verification
from audit.models import AuditEntry
from tests.conftest import World
from tests.security.matrix.monitoring import EVIDENCE_PDF, checked_evidence, evidence_file, make_action

pytestmark = pytest.mark.django_db


def _url(name: str, action: Any, **extra: Any) -> str:
    return reverse(
        f"monitoring:{name}", kwargs={"engagement_id": action.plan.engagement_id, "action_id": action.pk, **extra}
    )


def _report(world: World, action: Any, persona: str = "business", **kwargs: Any) -> ProgressUpdate:
    values = {"text": "Test progress", "status": "progress_made", "evidence": checked_evidence()}
    return services.progress_report(actor=world.user(persona), action=action, **{**values, **kwargs})


def test_business_reports_progress_with_an_evidence_file(world: World, client_for: Any) -> None:
    action = make_action(world)
    response = client_for("business").post(
        _url("progress", action),
        {"text": "Lockers installed in every dormitory.", "status": "progress_made", "evidence": evidence_file()},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(action=action)
    assert update.reported_by == world.user("business")
    evidence = Evidence.objects.get(update=update)
    # Stored under a random name, not the uploader's, and really there.
    assert evidence.original_name == "test-evidence.pdf"
    assert "test-evidence" not in evidence.file.name
    assert default_storage.open(evidence.file.name).read() == EVIDENCE_PDF
    action.refresh_from_db()
    assert action.status == ActionStatus.PROGRESS_MADE
    entry = AuditEntry.objects.get(verb="action.progress_reported", target_id=str(action.pk))
    assert entry.actor == world.user("business")
    assert entry.detail["evidence"]["kind"] == "pdf"

    page = client_for("business").get(_url("action", action))
    assert "Lockers installed in every dormitory." in page.content.decode()
    assert "test-evidence.pdf" in page.content.decode()


def test_the_updater_never_closes_an_action(world: World, client_for: Any) -> None:
    action = make_action(world)
    response = client_for("business").post(
        _url("progress", action), {"text": "All done", "status": "closed", "evidence": evidence_file()}
    )
    assert response.status_code == 200  # the page again, with the error
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert not ProgressUpdate.objects.filter(action=action).exists()
    with pytest.raises(ValidationError):
        _report(world, action, status=ActionStatus.CLOSED)


def test_a_file_that_is_not_what_it_claims_is_refused(world: World, client_for: Any) -> None:
    action = make_action(world)
    disguised = evidence_file("receipt.pdf", b"<html><script>alert(1)</script></html>")
    response = client_for("business").post(
        _url("progress", action), {"text": "See receipt", "status": "progress_made", "evidence": disguised}
    )
    assert response.status_code == 200
    assert "not a real PDF file" in response.content.decode()
    assert not ProgressUpdate.objects.filter(action=action).exists()
    assert not Evidence.objects.exists()


def test_closing_needs_evidence_then_records_who_when_and_the_note(world: World, client_for: Any) -> None:
    action = make_action(world)
    _report(world, action, evidence=None)  # progress without a file is not enough
    client = client_for("lead")
    response = client.post(_url("close", action), {"note": "Checked the lockers on site."})
    assert response.status_code == 200
    assert "No evidence is on file" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.PROGRESS_MADE

    _report(world, action)
    response = client.post(_url("close", action), {"note": "Checked the lockers on site."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED
    assert action.verified_by == world.user("lead")
    assert action.closed_at is not None
    decision = Verification.objects.get(action=action)
    assert (decision.decision, decision.note, decision.decided_by) == (
        Decision.CLOSED,
        "Checked the lockers on site.",
        world.user("lead"),
    )
    assert AuditEntry.objects.filter(verb="action.verified_and_closed", target_id=str(action.pk)).exists()
    # Closed: no more progress until it is reopened.
    with pytest.raises(ValidationError):
        _report(world, action)


def test_the_business_cannot_close_its_own_action(world: World, client_for: Any) -> None:
    action = make_action(world)
    _report(world, action)
    response = client_for("business").post(_url("close", action), {"note": "We did it."})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.PROGRESS_MADE


def test_financial_remediation_closes_only_after_external_verification(world: World, client_for: Any) -> None:
    action = make_action(world, "Repay recruitment fees")
    _report(world, action)
    client = client_for("lead")
    assert client.post(_url("financial", action), {"financial": "on"}).status_code == 302
    with pytest.raises(ValidationError, match="external verification"):
        services.action_verify_and_close(actor=world.user("lead"), action=action, note="Receipts seen")

    today = timezone.localdate()
    response = client.post(
        _url("external_verification", action),
        {"verifier_organisation": "Test Verifier", "verified_on": today.isoformat(), "reference": "TV-7"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(verb="action.externally_verified", target_id=str(action.pk))
    assert entry.detail == {"verifier": "Test Verifier", "reference": "TV-7"}

    services.action_verify_and_close(actor=world.user("assessor"), action=action, note="Receipts seen")
    action.refresh_from_db()
    assert action.status == ActionStatus.CLOSED
    assert action.verified_by == world.user("assessor")


def test_an_external_verification_cannot_be_dated_in_the_future(world: World) -> None:
    action = make_action(world)
    with pytest.raises(ValidationError):
        services.external_verification_record(
            actor=world.user("lead"),
            action=action,
            verifier_organisation="Test Verifier",
            verified_on=timezone.localdate() + timedelta(days=1),
            reference="TV-8",
        )


def test_reopening_is_audited_and_lets_progress_be_reported_again(world: World, client_for: Any) -> None:
    action = make_action(world)
    _report(world, action)
    services.action_verify_and_close(actor=world.user("lead"), action=action, note="Verified")
    response = client_for("assessor").post(_url("reopen", action), {"reason": "Workers say passports were taken back."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.PROGRESS_MADE
    assert action.closed_at is None and action.verified_by is None
    assert Verification.objects.filter(action=action, decision=Decision.REOPENED).get().decided_by == world.user(
        "assessor"
    )
    assert AuditEntry.objects.filter(verb="action.reopened", target_id=str(action.pk)).exists()
    _report(world, action, text="Passports returned again")
    with pytest.raises(ValidationError):
        services.action_reopen(actor=world.user("lead"), action=action, reason="Again")


def test_evidence_downloads_as_an_attachment_to_reporters_only(world: World, client_for: Any) -> None:
    action = make_action(world)
    update = _report(world, action)
    evidence = update.evidence.get()
    url = _url("evidence", action, evidence_id=evidence.pk)
    response = client_for("business").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == EVIDENCE_PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(verb="file.downloaded", target_id=str(evidence.pk)).exists()
    # The worker representatives watch progress but do not take files that may name workers.
    assert client_for("workerrep").get(url).status_code == 403
    page = client_for("workerrep").get(_url("action", action)).content.decode()
    assert "test-evidence.pdf" in page and url not in page


def test_an_action_of_another_engagement_is_not_found(world: World, client_for: Any) -> None:
    foreign = make_action(world, engagement=world.other_engagement)
    url = reverse("monitoring:action", kwargs={"engagement_id": world.engagement.pk, "action_id": foreign.pk})
    assert client_for("lead").get(url).status_code == 404
