from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import AppendOnlyError, AuditEntry
from engagements.models import Participant
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_membership_role_and_phase_changes_leave_entries(world: World, client_for: Any) -> None:
    verbs = set(AuditEntry.objects.filter(organisation=world.org).values_list("verb", flat=True))
    assert {"organisation.created", "membership.added", "engagement.created", "participant.added"} <= verbs
    client = client_for("lead")
    participant = Participant.objects.get(engagement=world.engagement, user=world.user("interviewer"))
    client.post(
        reverse("engagements:participant_role", args=[world.engagement.pk, participant.pk]), {"role": "assessor"}
    )
    entry = AuditEntry.objects.filter(verb="participant.role_set").latest("id")
    assert (entry.actor, entry.engagement) == (world.user("lead"), world.engagement)
    assert entry.detail == {"user": "interviewer@test.example", "role": "assessor", "previous_role": "interviewer"}


def test_entries_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    entry = AuditEntry.objects.first()
    entry.verb = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(verb="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_raw_updates(world: World) -> None:
    pk = AuditEntry.objects.first().pk
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET verb = 'x' WHERE id = %s", [pk])
    assert AuditEntry.objects.filter(pk=pk).exclude(verb="x").exists()


# PostgreSQL, the production database, also refuses deletes in the database itself. SQLite, for
# development only, does not: Django resets a SQLite test database with DELETE (see audit migration 0005).
@pytest.mark.skipif(connection.vendor != "postgresql", reason="production database only; CI runs PostgreSQL")
def test_the_production_database_refuses_raw_deletes(world: World) -> None:
    pk = AuditEntry.objects.first().pk
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [pk])
    assert AuditEntry.objects.filter(pk=pk).exists()


def test_admin_offers_no_way_to_edit_or_delete(world: World, client: Any) -> None:
    from tests.factories import UserFactory

    staff = UserFactory(email="staff@test.example", is_staff=True, is_superuser=True)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    entry = AuditEntry.objects.first()
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"verb": "x"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk, verb=entry.verb).exists()
