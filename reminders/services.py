"""Writes of reminders: the engagement's rule table and reading notifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from reminders.models import DispatchState, Notification, ReminderRule
from reminders.rules import DEFAULT_RULES

RULE_FIELDS = ("offset_days", "audience", "channel", "active")


def reminders_wake() -> None:
    """Ask for a full reminder run at the next beat tick (the rules changed, or a due date moved to today).
    Call it on commit from a service that changes what is due; otherwise the next rescan finds the change."""
    from reminders.dispatch import _Memo

    DispatchState.objects.filter(pk=1).update(next_run_at=None)
    _Memo.forget()


def reminder_rules_seed(engagement_ids: Iterable[UUID]) -> None:
    """Give engagements that have no rules yet the default table (two queries; concurrent seeding is harmless:
    the unique constraint keeps one copy of each rule)."""
    ids = set(engagement_ids)
    have = set(ReminderRule.objects.filter(engagement_id__in=ids).values_list("engagement_id", flat=True).distinct())
    missing = ids - have
    if missing:
        ReminderRule.objects.bulk_create(
            [
                ReminderRule(engagement_id=e, event=event, offset_days=offset, audience=audience, channel=channel)
                for e in sorted(missing, key=str)
                for event, offset, audience, channel in DEFAULT_RULES
            ],
            ignore_conflicts=True,
        )


def _check_distinct(rules: Iterable[ReminderRule]) -> None:
    seen: set[tuple[str, int, str]] = set()
    for rule in rules:
        key = (rule.event, rule.offset_days, rule.audience)
        if key in seen:
            raise ValidationError(
                _("Two rules remind of “%(event)s” at the same time to the same people: change or remove one.")
                % {"event": rule.get_event_display()}
            )
        seen.add(key)


@transaction.atomic
def reminder_rules_update(*, actor: Any, engagement: Engagement, rows: dict[UUID, dict[str, Any]]) -> int:
    """Change the engagement's rules (when, to whom, by which channel, on or off). ``rows``: rule id -> fields.
    Reminders already sent stay sent; a changed rule fires for what is still ahead."""
    rules = {rule.pk: rule for rule in ReminderRule.objects.select_for_update().filter(engagement=engagement)}
    changed: list[dict[str, Any]] = []
    touched: list[ReminderRule] = []
    for rule_id, fields in rows.items():
        rule = rules.get(rule_id)
        if rule is None:
            raise ValidationError(_("A rule of another engagement, or one removed meanwhile."))
        diff = {name: fields[name] for name in RULE_FIELDS if name in fields and getattr(rule, name) != fields[name]}
        if diff:
            for name, value in diff.items():
                setattr(rule, name, value)
            rule.full_clean(validate_constraints=False)
            changed.append({"rule": str(rule.pk), "fields": sorted(diff)})
            touched.append(rule)
    _check_distinct(rules.values())
    ReminderRule.objects.bulk_update(touched, list(RULE_FIELDS))
    if changed:
        record(actor=actor, verb="reminders.rules_update", engagement=engagement, detail={"changed": changed})
        transaction.on_commit(reminders_wake)
    return len(changed)


@transaction.atomic
def reminder_rule_add(
    *, actor: Any, engagement: Engagement, event: str, offset_days: int, audience: str, channel: str
) -> ReminderRule:
    reminder_rules_seed([engagement.pk])
    rule = ReminderRule(
        engagement=engagement, event=event, offset_days=offset_days, audience=audience, channel=channel, active=True
    )
    rule.full_clean(validate_constraints=False)
    _check_distinct([*ReminderRule.objects.filter(engagement=engagement), rule])
    rule.save()
    record(
        actor=actor,
        verb="reminders.rule_add",
        target=rule,
        engagement=engagement,
        detail={"event": event, "offset_days": offset_days, "audience": audience, "channel": channel},
    )
    transaction.on_commit(reminders_wake)
    return rule


def notification_mark_read(*, actor: Any, notification: Notification) -> Notification:
    """Reading one's own notification (the access layer gives only one's own). Not audited: it is personal
    bookkeeping, and nothing anyone else sees changes."""
    if notification.user_id != actor.pk:
        raise ValidationError(_("This is not your notification."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, actor: Any) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
