"""The action plan page and its actions (issue 7, phase 6): every finding answered, the draft deadline, actions
written by the team and the business, feedback per action, and what outsiders may not do."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actionplans.models import Action, ActionFeedback, ActionStatus
from actionplans.selectors import draft_is_complete, findings_without_action
from actionplans.services.actions import action_delete, action_update, plan_update
from actionplans.services.review import feedback_add
from audit.models import AuditEntry
from findings.services.closing import closing_meeting_record
from tests.actionplans.helpers import action_fields, add_action, released
from tests.conftest import World
from tests.security.matrix.findings import make_finding

pytestmark = pytest.mark.django_db


def _url(world: World, name: str = "actionplans:plan", **kwargs: Any) -> str:
    return reverse(name, kwargs={"engagement_id": world.engagement.pk, **kwargs})


def test_the_plan_lists_unanswered_findings_until_each_has_an_action(world: World, client_for: Any) -> None:
    passports, fees = released(world, "Test passports finding"), released(world, "Test fees finding")
    make_finding(world, "Test draft finding")  # a draft is not for the plan
    add_action(world, [passports])
    assert list(findings_without_action(world.engagement)) == [fees]
    page = client_for("workerrep").get(_url(world)).content.decode()
    assert "1 finding has no action yet" in page and "Test fees finding" in page
    assert "Test draft finding" not in page
    assert "Test: return every passport to its owner" in page
    add_action(world, [fees], what="Test: repay the fees")
    assert draft_is_complete(world.engagement)
    page = client_for("workerrep").get(_url(world)).content.decode()
    assert "Every released finding is answered" in page


def test_the_draft_deadline_is_two_weeks_after_the_closing_meeting_and_shows_overdue(
    world: World, client_for: Any
) -> None:
    released(world)
    closing_meeting_record(
        actor=world.user("lead"),
        engagement=world.engagement,
        held_on=date(2026, 1, 5),
        place="Test room",
        key_findings="Test key findings",
        feedback="",
        action_plan_agreed=True,
        action_plan_from=date(2026, 1, 5),
        notes="",
        attendees=[{"name": "Test Attendee", "role": "Test Organisation"}],
        urgent_actions=[],
    )
    page = client_for("business").get(_url(world)).content.decode()
    assert "19 January 2026" in page and "Overdue" in page


def test_the_lead_adds_an_action_through_the_form_and_it_is_audited(world: World, client_for: Any) -> None:
    finding = released(world)
    fields = action_fields()
    data = {**fields, "findings": [str(finding.pk)], "due_date": fields["due_date"].isoformat()}
    response = client_for("lead").post(_url(world, "actionplans:action_new"), data)
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.number, list(action.findings.all()), action.created_by) == (1, [finding], world.user("lead"))
    entry = AuditEntry.objects.get(verb="actionplan.action_created")
    assert entry.detail["number"] == 1 and len(entry.detail["fingerprint"]) == 64
    # Missing substance is refused with a reason, nothing is saved.
    response = client_for("business").post(_url(world, "actionplans:action_new"), {**data, "indicator": ""})
    assert response.status_code == 200 and Action.objects.count() == 1


def test_an_action_must_answer_a_released_finding_of_this_engagement(world: World) -> None:
    draft = make_finding(world, "Test draft finding")
    with pytest.raises(ValidationError) as refused:
        add_action(world, [draft])
    assert "findings" in refused.value.message_dict
    with pytest.raises(ValidationError):
        add_action(world, [])
    assert not Action.objects.exists()


def test_reminders_go_only_to_a_participant(world: World) -> None:
    finding = released(world)
    with pytest.raises(ValidationError) as refused:
        add_action(world, [finding], responsible_user=world.user("other_org"))
    assert "responsible_user" in refused.value.message_dict
    assert add_action(world, [finding], responsible_user=world.user("business")).responsible_user == world.user(
        "business"
    )


def test_the_worker_representative_cannot_write_actions(world: World, client_for: Any) -> None:
    finding = released(world)
    with pytest.raises(ValidationError):
        add_action(world, [finding], persona="workerrep")
    action = add_action(world, [finding])
    assert client_for("workerrep").get(_url(world, "actionplans:action_edit", action_id=action.pk)).status_code == 403
    with pytest.raises(ValidationError):
        action_update(actor=world.user("workerrep"), action=action, findings=[finding], **action_fields(what="x"))


def test_an_action_with_progress_is_closed_not_deleted(world: World) -> None:
    action = add_action(world, [released(world)])
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.PROGRESS_MADE)
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="close it instead"):
        action_delete(actor=world.user("lead"), action=action)
    assert Action.objects.filter(pk=action.pk).exists()


def test_only_the_team_says_how_the_plan_was_built(world: World, client_for: Any) -> None:
    add_action(world, [released(world)])
    assert client_for("business").post(_url(world, "actionplans:settings"), {}).status_code == 403
    with pytest.raises(ValidationError):
        plan_update(actor=world.user("business"), engagement=world.engagement, built_jointly=False)
    assert client_for("lead").post(_url(world, "actionplans:settings"), {}).status_code == 302
    entry = AuditEntry.objects.get(verb="actionplan.plan_updated")
    assert entry.detail == {"built_jointly": False, "was_built_jointly": True}


def test_feedback_threads_one_level_with_each_authors_side(world: World, client_for: Any) -> None:
    action = add_action(world, [released(world)])
    url = _url(world, "actionplans:feedback", action_id=action.pk)
    client_for("workerrep").post(url, {"body": "Test: ninety days is too long"})
    first = ActionFeedback.objects.get()
    client_for("lead").post(url, {"body": "Test: sixty days then", "parent": str(first.pk)})
    answer = ActionFeedback.objects.get(author=world.user("lead"))
    # An answer to an answer joins the thread.
    reply = feedback_add(actor=world.user("business"), action=action, body="Test: agreed", parent=answer)
    assert (first.side, answer.side, reply.side) == ("workers", "team", "business")
    assert answer.parent == first and reply.parent == first
    page = client_for("business").get(_url(world, "actionplans:action", action_id=action.pk)).content.decode()
    assert page.index("Test: ninety days") < page.index("Test: sixty days") < page.index("Test: agreed")
    assert AuditEntry.objects.filter(verb="actionplan.feedback_given").count() == 3
    # Feedback about another action cannot be answered here.
    other = add_action(world, [released(world, "Test second finding")])
    with pytest.raises(ValidationError):
        feedback_add(actor=world.user("lead"), action=other, body="Test", parent=first)


def test_an_action_of_another_engagement_is_a_404(world: World, client_for: Any) -> None:
    action = add_action(world, [released(world)])
    url = reverse("actionplans:action", kwargs={"engagement_id": world.other_engagement.pk, "action_id": action.pk})
    assert client_for("other_org").get(url).status_code == 404
    assert client_for("interviewer").get(_url(world, "actionplans:action", action_id=action.pk)).status_code == 403


def test_the_plan_page_costs_the_same_queries_whatever_the_number_of_actions(
    world: World, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    finding = released(world)
    add_action(world, [finding])
    client = client_for("lead")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(_url(world))
    for n in range(5):
        add_action(world, [finding], due_date=date(2027, 1, 1) + timedelta(days=n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(world))
