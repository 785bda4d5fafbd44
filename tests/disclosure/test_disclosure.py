"""Phase 8: the public version's fingerprint, the approval rules, publishing and the public page."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from disclosure.content import current
from disclosure.models import ApprovalSide, PdfStatus, PublishedVersion, Section
from disclosure.selectors import is_approved, state_of
from disclosure.services import (
    disclosure_approve,
    disclosure_withdraw,
    external_engagement_add,
    version_publish,
    version_unpublish,
)
from disclosure.tasks import render_public_version
from findings.services.findings import finding_update
from tests.conftest import World
from tests.disclosure.helpers import approve_both, choose, make_action, published
from tests.security.matrix.findings import make_finding

pytestmark = pytest.mark.django_db


def _chosen(world: World) -> tuple[Any, Any, Any]:
    finding = make_finding(world, "Test chosen finding", released=True)
    action = make_action(world, [finding])
    return choose(world, findings=[finding], actions=[action]), finding, action


# --- Fingerprint ---------------------------------------------------------------------------------------


def test_editing_a_chosen_finding_after_approval_asks_for_approval_again(world: World) -> None:
    disclosure, finding, _action = _chosen(world)
    before = approve_both(world, disclosure)
    assert is_approved(disclosure, before)

    finding_update(actor=world.user("lead"), finding=finding, description="Test description, revised after approval.")

    _content, after = current(disclosure)
    assert after != before
    state = state_of(world.engagement)
    assert not state.approved
    assert {a.side for a in state.stale} == {ApprovalSide.BUSINESS, ApprovalSide.WORKERS}
    with pytest.raises(ValidationError):
        version_publish(actor=world.user("lead"), disclosure=disclosure)
    approve_both(world, disclosure)
    assert state_of(world.engagement).approved


def test_changes_that_publish_nothing_new_keep_the_approval(world: World) -> None:
    disclosure, _finding, action = _chosen(world)
    unchosen = make_finding(world, "Test finding not chosen", released=True)
    fingerprint = approve_both(world, disclosure)

    finding_update(actor=world.user("lead"), finding=unchosen, description="Test edit of a finding not published.")
    action.note = "Test note, never published"
    action.responsible_person = "Test Another Person"  # people are never published: nothing to approve again
    action.save()

    assert current(disclosure)[1] == fingerprint
    assert is_approved(disclosure, fingerprint)


def test_changing_the_selection_or_an_action_shown_changes_the_fingerprint(world: World) -> None:
    disclosure, finding, action = _chosen(world)
    first = current(disclosure)[1]
    action.due_date = action.due_date.replace(year=2028)
    action.save()
    second = current(disclosure)[1]
    assert second != first
    disclosure = choose(world, findings=[finding], actions=[action], sections=[Section.FINDINGS])
    assert current(disclosure)[1] not in (first, second)


# --- Approval rules --------------------------------------------------------------------------------------


def test_one_side_alone_does_not_approve(world: World) -> None:
    disclosure, _finding, _action = _chosen(world)
    fingerprint = current(disclosure)[1]
    disclosure_approve(actor=world.user("business"), disclosure=disclosure, fingerprint=fingerprint)
    assert not is_approved(disclosure, fingerprint)
    with pytest.raises(ValidationError):
        version_publish(actor=world.user("lead"), disclosure=disclosure)
    disclosure_approve(actor=world.user("workerrep"), disclosure=disclosure, fingerprint=fingerprint)
    assert is_approved(disclosure, fingerprint)


@pytest.mark.parametrize("persona", ["lead", "assessor"])
def test_the_team_never_approves(world: World, persona: str) -> None:
    disclosure, _finding, _action = _chosen(world)
    with pytest.raises(ValidationError):
        disclosure_approve(actor=world.user(persona), disclosure=disclosure, fingerprint=current(disclosure)[1])
    assert not disclosure.approvals.exists()


def test_approving_a_version_that_changed_meanwhile_is_refused(world: World) -> None:
    disclosure, finding, _action = _chosen(world)
    seen = current(disclosure)[1]
    finding_update(actor=world.user("lead"), finding=finding, title="Test chosen finding, retitled")
    with pytest.raises(ValidationError):
        disclosure_approve(actor=world.user("business"), disclosure=disclosure, fingerprint=seen)


def test_withdrawal_undoes_the_approval_and_is_audited(world: World) -> None:
    disclosure, _finding, _action = _chosen(world)
    fingerprint = approve_both(world, disclosure)
    disclosure_withdraw(actor=world.user("workerrep"), disclosure=disclosure)
    assert not is_approved(disclosure, fingerprint)
    verbs = set(AuditEntry.objects.filter(engagement=world.engagement).values_list("verb", flat=True))
    assert {"disclosure.chosen", "disclosure.approved", "disclosure.approval_withdrawn"} <= verbs


def test_approve_page_is_refused_to_the_lead_and_works_for_the_business(world: World, client_for: Any) -> None:
    disclosure, _finding, _action = _chosen(world)
    url = reverse("disclosure:approve", kwargs={"engagement_id": world.engagement.pk})
    fingerprint = current(disclosure)[1]
    assert client_for("lead").post(url, {"fingerprint": fingerprint}).status_code == 403
    assert client_for("business").post(url, {"fingerprint": fingerprint}).status_code == 302
    assert set(disclosure.approvals.values_list("side", flat=True)) == {ApprovalSide.BUSINESS}


# --- Publishing and the public page ------------------------------------------------------------------------


def test_the_public_page_shows_the_published_version_to_anyone_until_unpublished(world: World, client_for: Any) -> None:
    version = published(world)
    url = reverse("public:disclosure", kwargs={"slug": version.disclosure.slug})
    assert str(world.engagement.pk) not in url
    client = client_for("anonymous")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Test published finding" in html
    assert "Test Processor Ltd" in html
    assert "Test Responsible Person" not in html
    assert "Set-Cookie" not in str(response.headers) and not response.cookies
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]

    version_unpublish(actor=world.user("lead"), disclosure=version.disclosure)
    assert client.get(url).status_code == 404
    assert client.get(reverse("public:disclosure_pdf", kwargs={"slug": version.disclosure.slug})).status_code == 404


def test_an_unknown_or_never_published_address_is_a_404(world: World, client_for: Any) -> None:
    disclosure, _finding, _action = _chosen(world)
    approve_both(world, disclosure)  # approved, not published
    client = client_for("anonymous")
    assert client.get(reverse("public:disclosure", kwargs={"slug": disclosure.slug})).status_code == 404
    unknown = "5b0f7f64-0c0e-4a43-9d1e-3f0a6a1b2c3d"
    assert client.get(reverse("public:disclosure", kwargs={"slug": unknown})).status_code == 404


def test_the_published_copy_is_frozen(world: World, client_for: Any) -> None:
    version = published(world)
    finding = version.disclosure.findings.get()
    finding_update(actor=world.user("lead"), finding=finding, title="Test title changed after publishing")
    html = client_for("anonymous").get(reverse("public:disclosure", kwargs={"slug": version.disclosure.slug}))
    assert "Test published finding" in html.content.decode()
    assert "Test title changed after publishing" not in html.content.decode()


def test_publishing_twice_is_refused_and_a_new_version_replaces_the_old(world: World) -> None:
    version = published(world)
    disclosure = version.disclosure
    with pytest.raises(ValidationError):
        version_publish(actor=world.user("lead"), disclosure=disclosure)
    finding = disclosure.findings.get()
    finding_update(actor=world.user("lead"), finding=finding, title="Test published finding, second version")
    approve_both(world, disclosure)
    second = version_publish(actor=world.user("lead"), disclosure=disclosure)
    assert second.number == 2
    assert list(PublishedVersion.objects.filter(disclosure=disclosure, unpublished_at__isnull=True)) == [second]


def test_the_small_cells_of_a_finding_are_left_out_with_their_group_names(world: World) -> None:
    finding = make_finding(
        world,
        "Test finding with groups",
        released=True,
        workers_affected=14,
        workers_asked=40,
        breakdown_dimension="nationality",
        breakdown=[{"group": "Testland", "count": 12}, {"group": "Sentinelistan", "count": 2}],
    )
    disclosure = choose(world, findings=[finding], actions=[])
    content = current(disclosure)[0]
    shown = content["findings"][0]["numbers"]
    assert shown["affected"] == "14"
    assert "Sentinelistan" not in str(content)
    assert shown["groups_left_out"] is True


def test_the_pdf_holds_the_approved_content_only(world: World) -> None:
    version = published(world)
    assert version.pdf_status == PdfStatus.QUEUED  # queued on commit; a worker renders it
    render_public_version(str(version.pk))
    version.refresh_from_db()
    assert version.pdf_ready and version.pdf_pages >= 2
    with version.pdf.open("rb") as handle:
        text = subprocess.run(["pdftotext", "-", "-"], input=handle.read(), capture_output=True, check=True).stdout
    text = text.decode()
    assert "Test published finding" in text
    assert "Test Processor Ltd" in text
    assert "Test Responsible Person" not in text
    assert "Lead Assessor" not in text


# --- External engagement log -------------------------------------------------------------------------------


def test_the_external_log_is_written_by_those_who_may_and_audited(world: World, client_for: Any) -> None:
    url = reverse("disclosure:log_add", kwargs={"engagement_id": world.engagement.pk})
    data = {
        "held_on": "2027-01-15",
        "kind": "government",
        "parties": "Test Ministry of Labour",
        "summary": "Test dialogue on recruitment fees",
    }
    assert client_for("workerrep").post(url, data).status_code == 403
    assert client_for("business").post(url, data).status_code == 302
    log = client_for("workerrep").get(reverse("disclosure:log", kwargs={"engagement_id": world.engagement.pk}))
    assert "Test Ministry of Labour" in log.content.decode()
    assert AuditEntry.objects.filter(verb="disclosure.external_engagement_logged").count() == 1
    with pytest.raises(ValidationError):
        external_engagement_add(
            actor=world.user("lead"), engagement=world.engagement, held_on=None, kind="party", parties="", summary=""
        )


def test_every_persona_gets_a_404_for_an_unpublished_or_unknown_address(world: World, client_for: Any) -> None:
    from tests.conftest import PERSONAS

    version = published(world)
    version_unpublish(actor=world.user("lead"), disclosure=version.disclosure)
    slugs = [version.disclosure.slug, "5b0f7f64-0c0e-4a43-9d1e-3f0a6a1b2c3d"]
    for persona in PERSONAS:
        client = client_for(persona)
        for slug in slugs:
            for name in ("public:disclosure", "public:disclosure_pdf"):
                assert client.get(reverse(name, kwargs={"slug": slug})).status_code == 404, (persona, name)
