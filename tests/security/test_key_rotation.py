from __future__ import annotations

import base64
import secrets
from typing import Any

import pytest
from django.core.management import call_command

from tests.conftest import World
from tests.vault_helpers import interview
from vault.models import DataKey, Identity, Response
from vault.records import open_identity, open_response
from vault.services import identity_unlock

pytestmark = pytest.mark.django_db


def _entry(kid: str) -> str:
    return f"{kid}:{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}"


def test_after_rotation_and_removing_the_old_key_every_record_still_decrypts(world: World, settings: Any) -> None:
    old = settings.VAULT_MASTER_KEYS
    respondent = interview(
        world.user("interviewer"),
        world.engagement,
        answers={"notes": "before rotation"},
        identity={"name": "Rotation Test Person"},
    )
    interview(world.user("other_org"), world.other_engagement, answers={"notes": "other tenant"})
    assert set(DataKey.objects.values_list("master_kid", flat=True)) == {old.split(":")[0]}

    new = _entry("rotated")
    settings.VAULT_MASTER_KEYS = f"{new},{old}"
    call_command("vault_rotate")
    assert set(DataKey.objects.values_list("master_kid", flat=True)) == {"rotated"}

    settings.VAULT_MASTER_KEYS = new  # the old key is gone from configuration
    assert sorted(open_response(r)["notes"] for r in Response.objects.all()) == ["before rotation", "other tenant"]
    assert open_identity(Identity.objects.get())["name"] == "Rotation Test Person"
    assert identity_unlock(actor=world.user("lead"), respondent=respondent, reason="Rotation check")["name"]
    call_command("vault_verify")


def test_verify_fails_loudly_when_a_key_is_missing(world: World, settings: Any) -> None:
    from django.core.management.base import CommandError

    interview(world.user("interviewer"), world.engagement)
    settings.VAULT_MASTER_KEYS = _entry("unrelated")
    with pytest.raises(CommandError, match="do not decrypt"):
        call_command("vault_verify")


def test_data_keys_are_stored_only_wrapped(world: World) -> None:
    from vault.envelope import data_key
    from vault.models import KeyPurpose

    interview(world.user("interviewer"), world.engagement)
    key = data_key(world.engagement.pk, KeyPurpose.RESPONSES)
    stored = bytes(DataKey.objects.get(engagement=world.engagement, purpose=KeyPurpose.RESPONSES).wrapped)
    assert key not in stored and len(stored) > len(key)
