"""Findings (phase 5): writing, triangulating, suppressing their numbers, releasing; who reads which.

The business and the worker representatives read released findings only: a draft is a 404 to them,
listed nowhere, and its numbers reach them only through small-cell suppression.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from engagements import phase_pages
from findings.models import Finding, FindingSource, FindingStatus
from findings.selectors import findings_for
from findings.services.findings import source_add
from interviews.preparation.models import DocumentRequest
from interviews.preparation.services import business as requests
from interviews.sitevisits.services.reviews import document_review_save
from tenancy.access import capabilities_for
from tenancy.roles import EngagementRole, capabilities_for_role
from tests.conftest import World
from tests.security.matrix.findings import COMPLETE, make_finding
from tests.vault_helpers import interview

DRAFT_SENTINEL = "SENTINEL-DRAFT-FINDING-71c2"


def url(world: World, name: str, finding: Finding | None = None) -> str:
    args = [world.engagement.pk] + ([finding.pk] if finding else [])
    return reverse(f"findings:{name}", args=args)


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Passports kept by the employer",
        **COMPLETE,
        "indicators": ["retention_of_identity_documents"],
        "risks": ["b_em_document_retention"],
        "affected_groups": "Workers from both corridors",
        "workers_affected": "9",
        "workers_asked": "16",
        "breakdown_dimension": "nationality",
        "groups-TOTAL_FORMS": "3",
        "groups-INITIAL_FORMS": "0",
        "groups-0-group": "Myanmar",
        "groups-0-count": "6",
        "groups-1-group": "Cambodia",
        "groups-1-count": "3",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Writing ---------------------------------------------------------------------------------------------------


def test_the_lead_writes_a_draft_with_every_field(world: World, client_for: Any) -> None:
    response = client_for("lead").post(url(world, "new"), form_data())
    finding = Finding.objects.get(engagement=world.engagement)
    assert response.status_code == 302 and response["Location"] == url(world, "detail", finding)
    assert (finding.number, finding.status, finding.severity) == (1, FindingStatus.DRAFT, "major")
    assert finding.indicators == ["retention_of_identity_documents"]
    assert finding.risks == ["b_em_document_retention"]
    assert (finding.workers_affected, finding.workers_asked) == (9, 16)
    assert finding.breakdown == [{"group": "Myanmar", "count": 6}, {"group": "Cambodia", "count": 3}]
    assert finding.recommendation_term == "medium" and finding.written_by == world.user("lead")
    entry = AuditEntry.objects.get(verb="finding.created")
    assert entry.detail == {"number": 1, "severity": "major"} and entry.engagement == world.engagement


def test_findings_are_numbered_in_the_order_written(world: World) -> None:
    numbers = [make_finding(world, f"Finding {n}").number for n in range(3)]
    assert numbers == [1, 2, 3]


def test_the_form_shows_the_guides_passport_example_and_the_severity_grades(world: World, client_for: Any) -> None:
    page = client_for("assessor").get(url(world, "new")).content.decode()
    assert "retain migrant workers&#x27; passports to prevent them from leaving" in page
    assert "(1) migrant workers&#x27; passports are returned to them" in page
    for grade in ("Critical (zero tolerance)", "Major", "Minor", "Observation", "Good practice"):
        assert grade in page
    assert "needs immediate action" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"workers_affected": "17"}, "More workers reported it than were asked."),
        ({"groups-0-count": "9"}, "The groups add up to more than the workers who reported it"),
        ({"groups-1-group": "myanmar"}, "Each group may be listed once."),
        ({"groups-1-count": ""}, "Fill this in, or empty the whole row to remove it."),
        ({"breakdown_dimension": ""}, "Say what the groups are"),
        ({"indicators": ["not_an_indicator"]}, "Select a valid choice."),
        ({"severity": "critical", "recommendation_term": "long"}, "A critical finding needs immediate action."),
        ({"severity": "catastrophic"}, "Select a valid choice."),
        ({"workers_asked": "-1"}, "Ensure this value is greater than or equal to 0."),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_saved(
    world: World, client_for: Any, overrides: dict[str, Any], message: str
) -> None:
    response = client_for("lead").post(url(world, "new"), form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Finding.objects.exists()
    assert not AuditEntry.objects.filter(verb__startswith="finding.").exists()


def test_an_edit_refused_leaves_the_finding_as_it_was(world: World, client_for: Any) -> None:
    finding = make_finding(world, "Unchanged title", workers_affected=5, workers_asked=10)
    response = client_for("lead").post(url(world, "edit", finding), form_data(title="Changed", workers_affected="20"))
    assert "More workers reported it than were asked." in response.content.decode()
    finding.refresh_from_db()
    assert (finding.title, finding.workers_affected) == ("Unchanged title", 5)
    assert not AuditEntry.objects.filter(verb="finding.updated").exists()


# --- Releasing -------------------------------------------------------------------------------------------------


def test_the_lead_releases_a_complete_finding_and_it_is_audited(world: World, client_for: Any) -> None:
    finding = make_finding(world)
    response = client_for("lead").post(url(world, "release", finding))
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RELEASED and finding.released_by == world.user("lead")
    assert finding.released_at is not None
    detail = AuditEntry.objects.get(verb="finding.released").detail
    assert detail == {"number": 1, "severity": "major", "single_source": True}


def test_an_incomplete_finding_is_not_released(world: World, client_for: Any) -> None:
    finding = make_finding(world, root_cause="", recommendation_term="")
    page = client_for("lead").post(url(world, "release", finding), follow=True).content.decode()
    assert "Before it is released, the finding needs: root cause, when." in page
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DRAFT and finding.released_at is None


def test_a_good_practice_needs_no_root_cause_or_recommendation(world: World, client_for: Any) -> None:
    finding = make_finding(world, severity="good_practice", root_cause="", recommendation="", recommendation_term="")
    client_for("lead").post(url(world, "release", finding))
    finding.refresh_from_db()
    assert finding.is_released


def test_only_the_lead_releases(world: World, client_for: Any) -> None:
    finding = make_finding(world)
    assert client_for("assessor").post(url(world, "release", finding)).status_code == 403
    finding.refresh_from_db()
    assert finding.status == FindingStatus.DRAFT


def test_a_revision_after_release_is_marked_for_the_readers(world: World, client_for: Any) -> None:
    finding = make_finding(world, "Released finding", released=True)
    response = client_for("assessor").post(
        url(world, "edit", finding), form_data(title="Released finding", evidence="Stronger evidence.")
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.revised_at is not None and finding.evidence == "Stronger evidence."
    assert AuditEntry.objects.get(verb="finding.updated").detail["after_release"] is True
    assert "Revised after release" in client_for("workerrep").get(url(world, "detail", finding)).content.decode()


def test_a_released_finding_cannot_be_emptied_or_deleted(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    page = client_for("lead").post(url(world, "edit", finding), form_data(recommendation="")).content.decode()
    assert "Before it is released, the finding needs: recommendation." in page
    client_for("lead").post(url(world, "delete", finding))
    finding.refresh_from_db()
    assert finding.recommendation == COMPLETE["recommendation"]


def test_a_draft_is_deleted_and_audited(world: World, client_for: Any) -> None:
    finding = make_finding(world)
    assert client_for("assessor").post(url(world, "delete", finding)).status_code == 302
    assert not Finding.objects.exists()
    assert AuditEntry.objects.get(verb="finding.deleted").detail == {"number": 1}


# --- Who reads which ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["business", "workerrep"])
def test_outside_parties_read_released_findings_only(world: World, client_for: Any, persona: str) -> None:
    draft = make_finding(world, DRAFT_SENTINEL)
    released = make_finding(world, "Released for everyone", released=True)
    client = client_for(persona)
    listing = client.get(url(world, "list")).content.decode()
    assert "Released for everyone" in listing and DRAFT_SENTINEL not in listing
    assert str(draft.pk) not in listing
    assert client.get(url(world, "detail", released)).status_code == 200
    assert client.get(url(world, "detail", draft)).status_code == 404
    assert client.get(url(world, "edit", released)).status_code == 403
    assert client.get(url(world, "sources", released)).status_code == 403


def test_the_team_reads_drafts(world: World, client_for: Any) -> None:
    draft = make_finding(world, DRAFT_SENTINEL)
    for persona in ("lead", "assessor"):
        assert DRAFT_SENTINEL in client_for(persona).get(url(world, "list")).content.decode()
        assert client_for(persona).get(url(world, "detail", draft)).status_code == 200


@pytest.mark.parametrize("persona", ["interviewer", "org_admin"])
def test_people_without_phase_5_capabilities_are_refused(world: World, client_for: Any, persona: str) -> None:
    released = make_finding(world, released=True)
    assert client_for(persona).get(url(world, "list")).status_code == 403
    assert client_for(persona).get(url(world, "detail", released)).status_code == 403


def test_another_organisation_never_learns_a_finding_exists(world: World, client_for: Any) -> None:
    released = make_finding(world, released=True)
    assert client_for("other_org").get(url(world, "detail", released)).status_code == 404
    other = reverse("findings:detail", args=[world.other_engagement.pk, released.pk])
    assert client_for("other_org").get(other).status_code == 404


def test_findings_for_gives_released_findings_only_without_edit_findings(world: World) -> None:
    make_finding(world, "A draft")
    make_finding(world, "A released one", released=True)
    for role, expected in (
        (EngagementRole.LEAD_ASSESSOR, {"A draft", "A released one"}),
        (EngagementRole.ASSESSOR, {"A draft", "A released one"}),
        (EngagementRole.BUSINESS_REVIEWER, {"A released one"}),
        (EngagementRole.WORKER_REPRESENTATIVE, {"A released one"}),
        (EngagementRole.INTERVIEWER, set()),
    ):
        titles = set(findings_for(world.engagement, capabilities_for_role(role)).values_list("title", flat=True))
        assert titles == expected, role


def test_findings_are_listed_most_severe_first(world: World) -> None:
    for title, severity in (("M", "minor"), ("G", "good_practice"), ("C", "critical"), ("O", "observation")):
        make_finding(world, title, severity=severity, recommendation_term="immediate")
    caps = capabilities_for(world.user("lead"), world.engagement)
    assert [f.title for f in findings_for(world.engagement, caps)] == ["C", "M", "O", "G"]


# --- Numbers through suppression --------------------------------------------------------------------------------


def _figures(html: str) -> list[int]:
    """Every number in the page's "workers affected" section."""
    section = html.split('id="affected-h"', 1)[1].split("</section>", 1)[0]
    return [int(n) for n in re.findall(r">\s*(\d+)\s*<", section)] + [
        int(n) for n in re.findall(r"\b(\d+) of (\d+)", section) for n in n
    ]


def test_outside_readers_never_see_a_figure_below_k(world: World, client_for: Any) -> None:
    """Myanmar 6, Cambodia 3, not recorded 1: the 3 and the 1 are small; the 6 is withheld so 3 + 1 stays hidden."""
    finding = make_finding(
        world,
        workers_affected=10,
        workers_asked=16,
        breakdown_dimension="nationality",
        breakdown=[{"group": "Myanmar", "count": 6}, {"group": "Cambodia", "count": 3}],
        released=True,
    )
    for persona in ("business", "workerrep"):
        page = client_for(persona).get(url(world, "detail", finding)).content.decode()
        section = page.split('id="affected-h"', 1)[1].split("</section>", 1)[0]
        assert "10 of 16 workers asked" in section
        assert section.count(">suppressed<") == 3  # Myanmar, Cambodia, not recorded
        assert not re.search(r">\s*[0-9]\s*<", section)  # no figure below k... nor the withheld 6
        assert "fewer than 5 respondents, or withheld" in section
    lead = client_for("lead").get(url(world, "detail", finding)).content.decode()
    section = lead.split('id="affected-h"', 1)[1].split("</section>", 1)[0]
    assert ">6<" in section and ">3<" in section and ">1<" in section and "suppressed" not in section


def test_a_small_total_and_its_isolated_or_systemic_label_are_hidden(world: World, client_for: Any) -> None:
    finding = make_finding(world, workers_affected=4, workers_asked=6, released=True)
    page = client_for("business").get(url(world, "detail", finding)).content.decode()
    assert "fewer than 5 of 6 workers asked" in page
    assert "Systemic" not in page and "Isolated" not in page
    lead = client_for("lead").get(url(world, "detail", finding)).content.decode()
    assert "4 of 6 workers asked" in lead and "Systemic" in lead  # 4 of 6 is at least 10 %


def test_the_list_suppresses_as_the_detail_does(world: World, client_for: Any) -> None:
    make_finding(world, workers_affected=3, workers_asked=40, released=True)
    listing = client_for("workerrep").get(url(world, "list")).content.decode()
    assert "fewer than 5 of 40 workers asked" in listing and "3 of 40" not in listing


def test_a_small_number_asked_is_hidden_too(world: World, client_for: Any) -> None:
    finding = make_finding(world, workers_affected=2, workers_asked=3, released=True)
    page = client_for("workerrep").get(url(world, "detail", finding)).content.decode()
    assert "fewer than 5 workers asked" in page and "of 3" not in page and "2 of" not in page


# --- Triangulation ------------------------------------------------------------------------------------------------


def _review(world: World, title: str = "Test payslips") -> Any:
    lead = world.user("lead")
    requests.document_request_add(actor=lead, engagement=world.engagement, category="other", title=title)
    request = DocumentRequest.objects.get(engagement=world.engagement, title=title)
    return document_review_save(
        actor=lead,
        request=request,
        received="yes",
        notes="SENTINEL-REVIEW-NOTE",
        issues=[],
        other_issue="",
        flag="",
        flag_explanation="",
    )


def test_a_finding_is_single_source_until_two_kinds_of_source_agree(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    page = client_for("workerrep").get(url(world, "detail", finding)).content.decode()
    assert "Limitation: single source." in page
    client = client_for("lead")
    client.post(url(world, "sources", finding), {"kind": "worker_interviews", "worker_interviews-stance": "agrees"})
    client.post(url(world, "sources", finding), {"kind": "worker_interviews", "worker_interviews-stance": "agrees"})
    assert FindingSource.objects.filter(finding=finding).count() == 1  # worker interviews: linked once
    finding.refresh_from_db()
    assert finding.is_single_source
    review = _review(world)
    response = client.post(
        url(world, "sources", finding),
        {"kind": "document_review", "document_review-reference": str(review.pk), "document_review-stance": "agrees"},
    )
    assert response.status_code == 302
    finding = Finding.objects.prefetch_related("sources").get(pk=finding.pk)
    assert not finding.is_single_source and finding.agreeing_kinds == ["worker_interviews", "document_review"]
    assert (
        "Limitation: single source." not in client_for("workerrep").get(url(world, "detail", finding)).content.decode()
    )
    assert AuditEntry.objects.filter(verb="finding.source_added").count() == 2


def test_outside_readers_see_which_kinds_agree_but_not_the_sources_themselves(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    manager = interview(world.user("assessor"), world.engagement, kind="management")
    review = _review(world, "SENTINEL-DOCUMENT-TITLE")
    lead = world.user("lead")
    source_add(
        actor=lead,
        finding=finding,
        kind="management_interview",
        stance="contradicts",
        reference=manager,
        note="SENTINEL-SOURCE-NOTE",
    )
    source_add(actor=lead, finding=finding, kind="document_review", stance="agrees", reference=review)
    for persona in ("business", "workerrep"):
        page = client_for(persona).get(url(world, "detail", finding)).content.decode()
        assert "Management or labour-recruiter interview: contradicts" in page
        assert "Document reviewed: agrees" in page
        for secret in (manager.pseudonym, "SENTINEL-SOURCE-NOTE", "SENTINEL-DOCUMENT-TITLE", "SENTINEL-REVIEW-NOTE"):
            assert secret not in page, (persona, secret)
    team = client_for("lead").get(url(world, "detail", finding)).content.decode()
    assert manager.pseudonym in team and "SENTINEL-SOURCE-NOTE" in team and "SENTINEL-DOCUMENT-TITLE" in team


def test_a_source_from_another_engagement_or_of_the_wrong_kind_is_refused(world: World, client_for: Any) -> None:
    finding = make_finding(world)
    worker = interview(world.user("assessor"), world.engagement)  # a worker: never linked one by one
    other = interview(world.user("other_org"), world.other_engagement, kind="management")
    client = client_for("lead")
    for respondent in (worker, other):
        response = client.post(
            url(world, "sources", finding),
            {
                "kind": "management_interview",
                "management_interview-reference": str(respondent.pk),
                "management_interview-stance": "agrees",
            },
        )
        assert response.status_code == 200 and "Select a valid choice." in response.content.decode()
    assert not FindingSource.objects.exists()
    assert client.post(url(world, "sources", finding), {"kind": "rumour"}).status_code == 404


def test_a_source_is_removed_and_audited(world: World, client_for: Any) -> None:
    finding = make_finding(world)
    source = source_add(actor=world.user("lead"), finding=finding, kind="worker_interviews", stance="agrees")
    remove = reverse("findings:source_remove", args=[world.engagement.pk, finding.pk, source.pk])
    assert client_for("business").post(remove).status_code == 403
    assert client_for("assessor").post(remove).status_code == 302
    assert not FindingSource.objects.exists()
    assert AuditEntry.objects.get(verb="finding.source_removed").detail["kind"] == "worker_interviews"


def test_the_team_sees_what_the_worker_interviews_show_for_the_findings_indicators(
    world: World, client_for: Any
) -> None:
    finding = make_finding(world, indicators=["retention_of_identity_documents"])
    page = client_for("lead").get(url(world, "sources", finding)).content.decode()
    assert "Retention of identity documents" in page
    assert "no worker asked about it yet" in page


# --- Pages ---------------------------------------------------------------------------------------------------------


def test_the_phase_5_links_show_to_exactly_those_who_can_open_the_pages(world: World, client_for: Any) -> None:
    registered = {p.url_name: p.steps for p in phase_pages.all_pages() if p.phase == 5}
    assert registered["findings:list"] == ("Summarise and analyse findings",)
    assert registered["findings:feedback"] == ("Summarise and analyse findings",)
    assert registered["findings:closing"] == ("Hold a formal closing meeting",)
    phase = reverse("engagements:phase", args=[world.engagement.pk, 5])
    link = url(world, "list")
    for persona in ("lead", "assessor", "interviewer", "business", "workerrep"):
        opens = client_for(persona).get(link).status_code == 200
        assert opens == (persona in {"lead", "assessor", "business", "workerrep"}), persona
        page = client_for(persona).get(phase)
        if page.status_code == 200:
            assert (link in page.content.decode()) == opens, persona


def test_the_list_costs_the_same_queries_whatever_the_number_of_findings(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        finding = make_finding(world, f"Finding {n}", released=True, workers_affected=8, workers_asked=20)
        source_add(actor=world.user("lead"), finding=finding, kind="worker_interviews", stance="agrees")
    client = client_for("business")
    client.get(url(world, "list"))
    with django_assert_max_num_queries(12):
        page = client.get(url(world, "list")).content.decode()
    assert "Finding 11" in page


def test_the_demo_seeder_is_idempotent_and_tells_the_story(world: World) -> None:
    from findings.demo import seed_demo_findings

    users = {f"{p}@demo.example": world.user(p) for p in ("lead", "assessor", "interviewer", "business", "workerrep")}
    seed_demo_findings(world.engagement, users)
    seed_demo_findings(world.engagement, users)
    caps = capabilities_for(world.user("lead"), world.engagement)
    findings = list(findings_for(world.engagement, caps))
    assert 4 <= len(findings) <= 6
    severities = {f.severity for f in findings}
    assert {"critical", "good_practice"} <= severities
    assert any(f.is_single_source for f in findings)
    released = [f for f in findings if f.is_released]
    assert len(released) == 2
    for finding in released:
        assert finding.comments.count() >= 1 and finding.positions.count() == 1
    assert world.engagement.closing_meeting.attendees.count() >= 3
