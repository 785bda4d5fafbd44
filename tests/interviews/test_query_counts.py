"""Phase 4 interview pages cost the same number of queries whatever the number of rows they list: the
sync conflicts (the interviewer's and the lead assessor's), a worker's follow-up call log, the site
checklists. The helper is tests/findings/test_query_counts.py's. Already held flat elsewhere: the
follow-up list (tests/interviews/test_followup.py), the document review list
(tests/interviews/test_document_review.py) and the debrief (tests/interviews/test_debrief.py)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest
from django.urls import reverse

from interviews.fieldwork.models import SyncConflict
from interviews.fieldwork.services import CONFLICT, sync_record
from interviews.followup.models import CallOutcome, FollowUpCall
from interviews.followup.services import follow_up_call_log
from interviews.sampling.models import AssessmentSite
from interviews.sampling.services import sample
from interviews.sitevisits import checklist
from interviews.sitevisits.services.observations import observation_save
from tests.conftest import World
from tests.findings.test_query_counts import assert_flat, numbered
from tests.interviews.test_fieldwork import payload, published, required_answers
from tests.interviews.test_followup import GIVEN_ON, agreed

pytestmark = pytest.mark.django_db


def _conflicts(world: World) -> Any:
    """A fill function: conflicts numbered from 1, each an interview sent twice with different answers."""
    version = published(world)
    interviewer = world.user("interviewer")

    def add(i: int) -> None:
        first = payload(version, answers=required_answers(version, anything_else=f"Test stored {i}"))
        second = copy.deepcopy(first)
        second["answers"]["anything_else"] = f"Test held {i}"
        record_id = uuid.uuid4()
        sync_record(actor=interviewer, engagement=world.engagement, record_id=record_id, payload=first)
        outcome = sync_record(actor=interviewer, engagement=world.engagement, record_id=record_id, payload=second)
        assert outcome.status == CONFLICT

    return numbered(add, lambda: SyncConflict.objects.filter(engagement=world.engagement).count())


def _link_to(world: World) -> Any:
    """The marker of the n-th conflict: the link to compare its two versions."""

    def marker(n: int) -> str:
        conflict = SyncConflict.objects.filter(engagement=world.engagement).order_by("created_at")[n - 1]
        return reverse("field:conflict", args=[world.engagement.pk, conflict.pk])

    return marker


def test_the_interviewers_conflicts(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    url = reverse("field:conflicts")
    assert_flat(client_for("interviewer"), url, _conflicts(world), _link_to(world), django_assert_max_num_queries)


def test_the_engagements_conflicts(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    url = reverse("field:engagement_conflicts", args=[world.engagement.pk])
    assert_flat(client_for("lead"), url, _conflicts(world), _link_to(world), django_assert_max_num_queries)


def test_a_workers_call_log(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    respondent = agreed(world)

    def add(i: int) -> None:
        follow_up_call_log(
            actor=world.user(("lead", "assessor")[i % 2]),
            respondent=respondent,
            called_on=GIVEN_ON,
            outcome=CallOutcome.REACHED,
            note=f"Test call note {i:02d}",
        )

    fill = numbered(add, lambda: FollowUpCall.objects.filter(respondent=respondent).count())
    url = reverse("followup:calls", args=[world.engagement.pk, respondent.pk])
    assert_flat(client_for("lead"), url, fill, lambda n: f"Test call note {n:02d}", django_assert_max_num_queries)


def _sites(world: World) -> Any:
    items = list(checklist.items_by_id())

    def add(i: int) -> None:
        site = sample.site_create(
            actor=world.user("lead"), engagement=world.engagement, name=f"Test Site {i:02d}", workers_on_site=None
        )
        for item in items[:3]:
            observation_save(actor=world.user("interviewer"), site=site, item_id=item, status="issue", note="")

    return numbered(add, lambda: AssessmentSite.objects.filter(engagement=world.engagement).count())


def test_the_site_checklists(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    url = reverse("sitevisits:sites", args=[world.engagement.pk])
    assert_flat(
        client_for("interviewer"), url, _sites(world), lambda n: f"Test Site {n:02d}", django_assert_max_num_queries
    )


def test_one_sites_checklist(world: World, client_for: Any, django_assert_max_num_queries: Any) -> None:
    site = sample.site_create(
        actor=world.user("lead"), engagement=world.engagement, name="Test Site", workers_on_site=None
    )
    items = list(checklist.items_by_id())

    def fill(n: int) -> None:
        for i in range(n):
            observation_save(
                actor=world.user("interviewer"), site=site, item_id=items[i], status="issue", note=f"Test note {i:02d}"
            )

    url = reverse("sitevisits:checklist", args=[world.engagement.pk, site.pk])
    assert_flat(client_for("interviewer"), url, fill, lambda n: f"Test note {n - 1:02d}", django_assert_max_num_queries)
