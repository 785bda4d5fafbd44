from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from tests.conftest import World
from tests.vault_helpers import CONSENT, interview
from vault.models import Consent, Identity, Respondent, Response
from vault.records import iter_engagement_answers
from vault.services import response_store

pytestmark = pytest.mark.django_db
SENTINEL = "LEAKCHECK-SENTINEL-41b2"


def test_storing_a_response_without_consent_is_refused(world: World) -> None:
    respondent = interview(world.user("interviewer"), world.engagement)
    Consent.objects.filter(respondent=respondent).delete()
    with pytest.raises(ValidationError, match="No consent"):
        response_store(actor=world.user("interviewer"), respondent=respondent, answers={"notes": "x"})
    assert Response.objects.filter(respondent=respondent).count() == 1


def test_a_record_without_consent_is_refused_and_stores_nothing(world: World, client_for: Any) -> None:
    import json
    import uuid

    client = client_for("interviewer")
    # The interim capture page is gone: it stores nothing and leads to the field app.
    old = client.post(
        reverse("vault:respondent_new", args=[world.engagement.pk]), {"who-kind": "worker", "who-nationality": "MM"}
    )
    assert old.status_code == 302 and old["Location"] == reverse("field:engagement_day", args=[world.engagement.pk])
    # The field app's sync refuses a record whose consent is missing, and says so.
    url = reverse("fieldwork:record_sync", args=[world.engagement.pk, uuid.uuid4()])
    record = {"kind": "worker", "demographics": {"nationality": "MM"}, "answers": {"notes": "x"}}
    response = client.put(url, json.dumps(record), content_type="application/json")
    assert response.status_code == 400
    assert "consent" in response.json()["errors"]
    assert not Respondent.objects.exists()


def test_withdrawal_deletes_answers_and_identity_and_logs_only_the_fact(world: World, client_for: Any) -> None:
    respondent = interview(
        world.user("interviewer"), world.engagement, answers={"notes": SENTINEL}, identity={"name": "Withdrawn Person"}
    )
    other = interview(world.user("interviewer"), world.engagement, identity={"name": "Stays Person"})
    client_for("interviewer").post(reverse("vault:respondent_withdraw", args=[world.engagement.pk, respondent.pk]))
    assert not Respondent.objects.filter(pk=respondent.pk).exists()
    assert not Response.objects.filter(respondent_id=respondent.pk).exists()
    assert Identity.objects.filter(engagement=world.engagement).count() == 1
    assert Respondent.objects.filter(pk=other.pk).exists()
    entry = AuditEntry.objects.get(verb="consent.withdrawn")
    assert entry.detail["pseudonym"] == respondent.pseudonym
    assert SENTINEL not in str(entry.detail) and "Withdrawn Person" not in str(entry.detail)


def test_interviewer_reads_and_changes_only_their_own_until_the_day_sheet(world: World, client_for: Any) -> None:
    from engagements.services.participants import participant_set
    from tenancy.roles import EngagementRole
    from tenancy.services import membership_set
    from tests.factories import UserFactory

    second = UserFactory(email="second-interviewer@test.example")
    membership_set(actor=world.user("org_admin"), organisation=world.org, user=second, role="member")
    participant_set(actor=world.user("lead"), engagement=world.engagement, user=second, role=EngagementRole.INTERVIEWER)
    theirs = interview(second, world.engagement, answers={"notes": "not yours"})
    mine = interview(world.user("interviewer"), world.engagement, answers={"notes": SENTINEL})
    response = Response.objects.get(respondent=mine)
    client = client_for("interviewer")
    listing = client.get(reverse("vault:respondents", args=[world.engagement.pk])).content.decode()
    assert mine.pseudonym in listing and theirs.pseudonym not in listing
    assert client.get(reverse("vault:respondent", args=[world.engagement.pk, theirs.pk])).status_code == 404
    assert SENTINEL in client.get(reverse("vault:respondent", args=[world.engagement.pk, mine.pk])).content.decode()
    edit = reverse("vault:response_edit", args=[world.engagement.pk, mine.pk, response.pk])
    assert client.post(edit, {"notes": "corrected"}).status_code == 302

    client.post(reverse("vault:day_sheet_submit", args=[world.engagement.pk]))
    page = client.get(reverse("vault:respondent", args=[world.engagement.pk, mine.pk])).content.decode()
    assert "corrected" not in page
    assert client.post(edit, {"notes": "too late"}).status_code == 403
    lead_page = client_for("lead").get(reverse("vault:respondent", args=[world.engagement.pk, mine.pk]))
    assert "corrected" in lead_page.content.decode()


@pytest.mark.parametrize("persona", ["business", "workerrep", "org_admin"])
def test_reviewers_and_org_admins_never_reach_a_response_or_identity(
    persona: str, world: World, client_for: Any
) -> None:
    respondent = interview(
        world.user("interviewer"), world.engagement, answers={"notes": SENTINEL}, identity={"name": "Hidden Person"}
    )
    response = Response.objects.get(respondent=respondent)
    e, r = world.engagement.pk, respondent.pk
    client = client_for(persona)
    for url in (
        reverse("vault:respondents", args=[e]),
        reverse("vault:respondent", args=[e, r]),
        reverse("vault:response_edit", args=[e, r, response.pk]),
        reverse("vault:identity_unlock", args=[e, r]),
        reverse("vault:raw_export", args=[e]),
        reverse("vault:data_protection", args=[e]),
    ):
        page = client.get(url)
        assert page.status_code in (403, 404), url
        assert SENTINEL not in page.content.decode() and respondent.pseudonym not in page.content.decode()
    for url in (reverse("engagements:detail", args=[e]), reverse("engagements:dashboard")):
        body = client.get(url).content.decode()
        assert SENTINEL not in body and respondent.pseudonym not in body


def test_lead_unlocks_an_identity_with_a_reason_and_the_access_log_shows_it(world: World, client_for: Any) -> None:
    respondent = interview(world.user("interviewer"), world.engagement, identity={"name": "Unlock Test Person"})
    client = client_for("lead")
    url = reverse("vault:identity_unlock", args=[world.engagement.pk, respondent.pk])
    refused = client.post(url, {"reason": "short"})
    assert "Unlock Test Person" not in refused.content.decode()
    assert not AuditEntry.objects.filter(verb="identity.unlocked").exists()
    shown = client.post(url, {"reason": "Follow-up on a retaliation report"})
    assert "Unlock Test Person" in shown.content.decode()
    log = client.get(reverse("vault:data_protection", args=[world.engagement.pk])).content.decode()
    assert respondent.pseudonym in log and "Follow-up on a retaliation report" in log
    assert client_for("assessor").post(url, {"reason": "Follow-up on a retaliation report"}).status_code == 403


def test_raw_export_is_for_the_lead_only_pseudonymised_logged_and_formula_safe(world: World, client_for: Any) -> None:
    interview(
        world.user("interviewer"),
        world.engagement,
        answers={"notes": '=HYPERLINK("x")'},
        identity={"name": "Never Exported"},
    )
    response = client_for("lead").get(reverse("vault:raw_export", args=[world.engagement.pk]))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Never Exported" not in body
    assert "'=HYPERLINK" in body
    assert AuditEntry.objects.filter(verb="export.raw", actor=world.user("lead")).count() == 1
    assert client_for("assessor").get(reverse("vault:raw_export", args=[world.engagement.pk])).status_code == 403


def test_decrypting_all_responses_takes_a_constant_number_of_queries(world: World) -> None:
    from vault.envelope import cipher_for
    from vault.models import KeyPurpose
    from vault.records import seal_response

    respondent = interview(world.user("interviewer"), world.engagement)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            rows = list(iter_engagement_answers(world.engagement.pk))
        return len(ctx.captured_queries), len(rows)

    few = count()
    cipher = cipher_for(world.engagement.pk, KeyPurpose.RESPONSES)
    batch = []
    for i in range(20_000):
        response = Response(engagement=world.engagement, respondent=respondent, interviewer=world.user("interviewer"))
        seal_response(response, {"notes": f"bulk {i}", "paid_recruitment_fees": "no"}, cipher)
        batch.append(response)
    Response.objects.bulk_create(batch, batch_size=2000)
    many = count()
    assert few[0] == many[0]
    assert (few[1], many[1]) == (1, 20_001)


def test_a_forced_error_while_handling_decrypted_data_leaks_nothing(
    world: World, client_for: Any, caplog: Any, monkeypatch: Any
) -> None:
    respondent = interview(world.user("interviewer"), world.engagement, answers={"notes": SENTINEL})

    def explode(*args: Any, **kwargs: Any) -> bool:
        raise ValueError(f"could not render answer {SENTINEL}")

    monkeypatch.setattr("vault.views.can_change_response", explode)
    client = client_for("lead")
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR):
        response = client.get(reverse("vault:respondent", args=[world.engagement.pk, respondent.pk]))
    assert response.status_code == 500
    assert SENTINEL not in response.content.decode()
    from mapping_platform.logformat import RedactingFormatter

    formatted = "\n".join(RedactingFormatter("%(message)s").format(r) for r in caplog.records)
    assert "ValueError" in formatted
    assert SENTINEL not in formatted
    configured = [h.formatter for h in logging.getLogger().handlers if isinstance(h.formatter, RedactingFormatter)]
    assert configured, "the console handler must use the redacting formatter"


def test_consent_to_share_needs_the_third_party_named(world: World) -> None:
    from vault.services import respondent_create

    with pytest.raises(ValidationError):
        respondent_create(
            actor=world.user("interviewer"),
            engagement=world.engagement,
            consent={**CONSENT, "share_with_third_party": True},
            demographics={},
        )
    assert not Respondent.objects.exists()


def test_stopping_early_while_streaming_answers_neither_hangs_nor_leaks(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr("vault.records._CHUNK", 1)  # one row a chunk: the reader fills its queue and waits
    for i in range(12):
        interview(world.user("interviewer"), world.engagement, answers={"notes": f"n{i}"})
    stream = iter_engagement_answers(world.engagement.pk)
    first = next(stream)
    stream.close()
    assert first[2]["notes"].startswith("n")
    assert len(list(iter_engagement_answers(world.engagement.pk))) == 12
