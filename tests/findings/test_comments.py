"""The discussion of released findings: threaded comments and the business's agreement or dispute.

Acceptance (issue 6): a worker representative can comment only on released findings and reaches no
response or identity; the business can dispute; the audit log shows both.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from findings.models import BusinessPosition, Finding, FindingComment
from findings.services.discussion import comment_add
from tests.conftest import World
from tests.security.matrix.findings import make_finding
from tests.vault_helpers import interview

SECRET = "SENTINEL-CONFIDENTIAL-COMMENT-5d2e"


def url(world: World, name: str, finding: Finding) -> str:
    return reverse(f"findings:{name}", args=[world.engagement.pk, finding.pk])


def page(client: Any, world: World, finding: Finding) -> str:
    return client.get(url(world, "detail", finding)).content.decode()


# --- Comments ----------------------------------------------------------------------------------------------------


def test_the_worker_representative_comments_on_a_released_finding_and_it_is_audited(
    world: World, client_for: Any
) -> None:
    finding = make_finding(world, released=True)
    client = client_for("workerrep")
    response = client.post(url(world, "comment", finding), {"body": "Night shift workers say the same."})
    comment = FindingComment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.author, comment.side, comment.private_to) == (world.user("workerrep"), "workers", "")
    entry = AuditEntry.objects.get(verb="finding.commented")
    assert entry.actor == world.user("workerrep") and entry.engagement == world.engagement
    assert entry.detail["side"] == "workers" and entry.detail["number"] == finding.number
    assert "Night shift" not in str(entry.detail) and "Night shift" not in entry.target_label
    for persona in ("lead", "business"):
        assert "Night shift workers say the same." in page(client_for(persona), world, finding)


def test_nobody_outside_the_team_can_comment_on_an_unreleased_finding(world: World, client_for: Any) -> None:
    draft = make_finding(world)
    for persona in ("workerrep", "business"):
        assert client_for(persona).post(url(world, "comment", draft), {"body": "Early"}).status_code == 404
    refused = client_for("lead").post(url(world, "comment", draft), {"body": "Internal"}).content.decode()
    assert "This finding is not released yet: it cannot be discussed." in refused
    assert not FindingComment.objects.exists()
    assert not AuditEntry.objects.filter(verb="finding.commented").exists()


@pytest.mark.parametrize("persona", ["interviewer", "org_admin"])
def test_people_without_the_capability_cannot_comment(world: World, client_for: Any, persona: str) -> None:
    finding = make_finding(world, released=True)
    assert client_for(persona).post(url(world, "comment", finding), {"body": "Hello"}).status_code == 403
    assert not FindingComment.objects.exists()


def test_an_empty_comment_is_refused_and_nothing_is_saved(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    response = client_for("business").post(url(world, "comment", finding), {"body": "   "})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not FindingComment.objects.exists()


def test_replies_form_one_level_threads(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    root = comment_add(actor=world.user("workerrep"), finding=finding, body="Root")
    client_for("business").post(url(world, "comment", finding), {"body": "Reply", "parent": str(root.pk)})
    reply = FindingComment.objects.get(body="Reply")
    client_for("lead").post(url(world, "comment", finding), {"body": "Reply to reply", "parent": str(reply.pk)})
    assert reply.parent == root
    assert FindingComment.objects.get(body="Reply to reply").parent == root
    html = page(client_for("workerrep"), world, finding)
    assert html.index("Root") < html.index("Reply") < html.index("Reply to reply")


def test_a_reply_to_a_comment_of_another_finding_is_refused(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    other = make_finding(world, "Other", released=True)
    elsewhere = comment_add(actor=world.user("workerrep"), finding=other, body="Elsewhere")
    response = client_for("business").post(url(world, "comment", finding), {"body": "Hi", "parent": str(elsewhere.pk)})
    assert "is not in this finding&#x27;s discussion" in response.content.decode()
    assert FindingComment.objects.count() == 1


def test_a_confidential_comment_is_read_by_the_team_and_its_side_only(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    client_for("workerrep").post(url(world, "comment", finding), {"body": SECRET, "private": "on"})
    comment = FindingComment.objects.get()
    assert comment.private_to == "workers"
    assert SECRET in page(client_for("lead"), world, finding)
    assert SECRET in page(client_for("workerrep"), world, finding)
    assert SECRET not in page(client_for("business"), world, finding)
    # The team answers in the thread: the answer keeps the thread's readers.
    client_for("assessor").post(url(world, "comment", finding), {"body": "TEAM-ANSWER", "parent": str(comment.pk)})
    assert FindingComment.objects.get(body="TEAM-ANSWER").private_to == "workers"
    assert "TEAM-ANSWER" in page(client_for("workerrep"), world, finding)
    assert "TEAM-ANSWER" not in page(client_for("business"), world, finding)
    # The business can neither see the thread nor reply into it.
    response = client_for("business").post(url(world, "comment", finding), {"body": "X", "parent": str(comment.pk)})
    assert "is not in this finding&#x27;s discussion" in response.content.decode()
    # Nor does the list's count give it away.
    listing = client_for("business").get(reverse("findings:list", args=[world.engagement.pk])).content.decode()
    assert "0 comments" in listing


# --- The business's position ---------------------------------------------------------------------------------------


def test_the_business_disputes_with_reasons_then_agrees_and_the_history_is_kept(world: World, client_for: Any) -> None:
    finding = make_finding(world, released=True)
    client = client_for("business")
    refused = client.post(url(world, "position", finding), {"position": "disputes", "reasons": ""})
    assert "Give the business&#x27;s reasons for disputing the finding." in refused.content.decode()
    assert not BusinessPosition.objects.exists()

    client.post(url(world, "position", finding), {"position": "disputes", "reasons": "Subagents charged it."})
    client.post(url(world, "position", finding), {"position": "agrees", "reasons": ""})
    assert list(BusinessPosition.objects.values_list("position", flat=True)) == ["agrees", "disputes"]
    html = page(client_for("workerrep"), world, finding)
    assert "Earlier positions" in html and "Subagents charged it." in html
    verbs = AuditEntry.objects.filter(verb="finding.business_position").order_by("at")
    assert [e.detail["position"] for e in verbs] == ["disputes", "agrees"]
    assert verbs.last().detail["previous"] == "disputes"
    assert all(e.actor == world.user("business") for e in verbs)


@pytest.mark.parametrize("persona", ["lead", "assessor", "workerrep", "interviewer"])
def test_only_the_business_agrees_or_disputes(world: World, client_for: Any, persona: str) -> None:
    finding = make_finding(world, released=True)
    response = client_for(persona).post(url(world, "position", finding), {"position": "agrees"})
    assert response.status_code == 403
    assert not BusinessPosition.objects.exists()
    assert "Record the business&#x27;s position" not in page(client_for(persona), world, finding)


def test_the_business_cannot_take_a_position_on_an_unreleased_finding(world: World, client_for: Any) -> None:
    draft = make_finding(world)
    assert client_for("business").post(url(world, "position", draft), {"position": "agrees"}).status_code == 404
    assert not BusinessPosition.objects.exists()


# --- The worker representative reaches no worker's data --------------------------------------------------------------


def test_the_worker_representative_reaches_no_response_or_identity(world: World, client_for: Any) -> None:
    respondent = interview(
        world.user("interviewer"), world.engagement, identity={"name": "Test Witness", "phone": "+00 000 000 0000"}
    )
    response = respondent.responses.get()
    finding = make_finding(world, released=True)
    client = client_for("workerrep")
    assert client.get(url(world, "detail", finding)).status_code == 200
    e, r = world.engagement.pk, respondent.pk
    for name, kwargs in (
        ("vault:respondents", {"engagement_id": e}),
        ("vault:respondent", {"engagement_id": e, "respondent_id": r}),
        ("vault:response_edit", {"engagement_id": e, "respondent_id": r, "response_id": response.pk}),
        ("vault:identity_unlock", {"engagement_id": e, "respondent_id": r}),
        ("vault:raw_export", {"engagement_id": e}),
    ):
        assert client.get(reverse(name, kwargs=kwargs)).status_code in (403, 404), name
    html = page(client, world, finding) + client.get(reverse("findings:list", args=[e])).content.decode()
    assert respondent.pseudonym not in html and "Test Witness" not in html


def test_the_discussion_costs_the_same_queries_whatever_its_length(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    finding = make_finding(world, released=True)
    for n in range(15):
        root = comment_add(actor=world.user("workerrep"), finding=finding, body=f"Root {n}")
        comment_add(actor=world.user("business"), finding=finding, body=f"Reply {n}", parent=root)
    client = client_for("business")
    client.get(url(world, "detail", finding))
    with django_assert_max_num_queries(12):
        assert "Reply 14" in page(client, world, finding)
