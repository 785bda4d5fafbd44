from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEntry
from tests.conftest import World
from tests.vault_helpers import interview
from vault.envelope import KeyDestroyed, data_key, pseudonym_lookup
from vault.models import Identity, KeyPurpose
from vault.records import iter_engagement_answers, open_identity
from vault.services import identity_unlock, retention_run, retention_set

pytestmark = pytest.mark.django_db


def _fee_tally(engagement_id: Any) -> Counter:
    return Counter(answers.get("paid_recruitment_fees") for _, _, answers in iter_engagement_answers(engagement_id))


def _fill(world: World) -> tuple[Any, Any]:
    lead = world.user("lead")
    ours = [
        interview(
            world.user("interviewer"),
            world.engagement,
            answers={"paid_recruitment_fees": fee},
            identity={"name": f"Shred Test {i}"},
        )
        for i, fee in enumerate(["yes", "yes", "no"])
    ]
    theirs = interview(world.user("other_org"), world.other_engagement, identity={"name": "Untouched Person"})
    retention_set(actor=lead, engagement=world.engagement, keep_until=timezone.localdate() + timedelta(days=30))
    return ours, theirs


def test_the_lead_is_warned_fourteen_days_before(world: World, django_capture_on_commit_callbacks: Any) -> None:
    _fill(world)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(today=today + timedelta(days=15)) == {"warned": 0, "destroyed": 0}
        assert retention_run(today=today + timedelta(days=16)) == {"warned": 1, "destroyed": 0}
        assert retention_run(today=today + timedelta(days=17)) == {"warned": 0, "destroyed": 0}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.user("lead").email]
    assert "destroyed" in mail.outbox[0].subject


def test_after_retention_no_code_path_decrypts_identities_while_aggregates_stay(world: World) -> None:
    ours, _theirs = _fill(world)
    identity = Identity.objects.filter(engagement=world.engagement).first()
    tally_before = _fee_tally(world.engagement.pk)

    result = retention_run(today=timezone.localdate() + timedelta(days=31))

    assert result == {"warned": 0, "destroyed": 1}
    with pytest.raises(KeyDestroyed):
        open_identity(identity)
    with pytest.raises(KeyDestroyed):
        data_key(world.engagement.pk, KeyPurpose.IDENTITIES)
    with pytest.raises(KeyDestroyed):
        pseudonym_lookup(world.engagement.pk, ours[0].pseudonym)
    with pytest.raises(ValidationError, match="destroyed"):
        identity_unlock(actor=world.user("lead"), respondent=ours[0], reason="Checking after retention")
    assert _fee_tally(world.engagement.pk) == tally_before == Counter({"yes": 2, "no": 1})
    # Another engagement is untouched.
    assert open_identity(Identity.objects.get(engagement=world.other_engagement))["name"] == "Untouched Person"
    assert AuditEntry.objects.filter(verb="retention.identities_destroyed", engagement=world.engagement).count() == 1


def test_a_second_run_changes_nothing(world: World) -> None:
    _fill(world)
    later = timezone.localdate() + timedelta(days=31)
    retention_run(today=later)
    entries = AuditEntry.objects.count()
    assert retention_run(today=later) == {"warned": 0, "destroyed": 0}
    assert AuditEntry.objects.count() == entries


def test_new_identities_cannot_be_stored_after_destruction(world: World) -> None:
    ours, _ = _fill(world)
    retention_run(today=timezone.localdate() + timedelta(days=31))
    from vault.services import identity_store

    with pytest.raises(ValidationError, match="destroyed"):
        identity_store(actor=world.user("lead"), respondent=ours[1], payload={"name": "Too Late"})
