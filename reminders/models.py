"""Reminders (guide, phase 7 step 1: a monitoring framework that keeps the plan moving).

A ``ReminderRule`` says what to remind of, how long before or after the due date, to whom and by which
channel. ``SentReminder`` is the claim that makes each reminder go out exactly once: one row per rule,
item, due date and recipient, under a unique constraint; only the run that inserted the row notifies.
``Notification`` is what the platform shows in-app; ``DigestSent`` claims the one daily digest per
person per day. ``DispatchState`` is the single row that tells a beat tick whether there is work to do.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mapping_platform.db import BaseModel

# How far before or after a due date a rule may fire; sources look this far around today.
MAX_OFFSET_DAYS = 90


class ReminderEvent(models.TextChoices):
    """The sources' event names (``reminders.sources``)."""

    ACTION_DUE = "action_due", _("An action is due")
    ACTION_OVERDUE = "action_overdue", _("An action is overdue")
    DRAFT_PLAN_DUE = "draft_plan_due", _("The draft action plan is due")
    FOLLOW_UP_INTERVIEWS_DUE = "follow_up_interviews_due", _("Follow-up interviews of new workers are due")
    RETENTION_ENDING = "retention_ending", _("The retention period of personal data ends")


class Audience(models.TextChoices):
    RESPONSIBLE = "responsible", _("Whoever is responsible")
    LEAD_ASSESSORS = "lead_assessors", _("Lead assessors")
    ASSESSMENT_TEAM = "assessment_team", _("Lead assessors and assessors")
    BUSINESS_REVIEWERS = "business_reviewers", _("Business reviewers")
    WORKER_REPRESENTATIVES = "worker_representatives", _("Worker representatives")


class Channel(models.TextChoices):
    BOTH = "both", _("Email and in-app")
    EMAIL = "email", _("Email only")
    IN_APP = "in_app", _("In-app only")

    @property
    def emails(self) -> bool:
        return self in (Channel.BOTH, Channel.EMAIL)

    @property
    def in_app(self) -> bool:
        return self in (Channel.BOTH, Channel.IN_APP)


class ReminderRule(BaseModel):
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="reminder_rules")
    event = models.CharField(_("what"), max_length=40, choices=ReminderEvent.choices)
    # Before the due date: negative; after it: positive; 0 = on the day.
    offset_days = models.IntegerField(
        _("days from the due date"),
        validators=[MinValueValidator(-MAX_OFFSET_DAYS), MaxValueValidator(MAX_OFFSET_DAYS)],
        help_text=_("Negative: before the due date; positive: after it; 0: on the day."),
    )
    audience = models.CharField(_("to whom"), max_length=32, choices=Audience.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.BOTH)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["event", "offset_days", "audience"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "event", "offset_days", "audience"], name="reminders_one_rule_per_timing"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.offset_days:+d}d → {self.get_audience_display()}"


class SentReminder(BaseModel):
    """The claim: this reminder of this item's due date went to this person (or was in flight to)."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="sent")
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="+")
    item_key = models.CharField(max_length=100)
    due_date = models.DateField()
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fire_on = models.DateField()
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=500)
    run = models.UUIDField(db_index=True)  # the dispatch run that inserted the row: only it notifies
    # The email outbox: a claim that wants an email and has none yet is sent by whoever holds its lease;
    # one whose sender died is taken over when the lease ends.
    wants_email = models.BooleanField(default=False)
    email_lease_until = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "item_key", "due_date", "recipient"], name="reminders_sent_exactly_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["email_lease_until"],
                condition=models.Q(wants_email=True, emailed_at__isnull=True),
                name="reminders_sent_email_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_key} {self.due_date} → {self.recipient_id}"


class Notification(BaseModel):
    """An in-app notification; only its own user ever sees it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    engagement = models.ForeignKey("engagements.Engagement", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(max_length=500)
    reminder = models.OneToOneField(
        SentReminder, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification"
    )
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="reminders_notif_user_unread")]

    def __str__(self) -> str:
        return self.title


class DigestSent(BaseModel):
    """The claim of one person's daily digest for one day."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    run = models.UUIDField(db_index=True)
    email_lease_until = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="reminders_one_digest_a_day")]
        indexes = [
            models.Index(
                fields=["email_lease_until"],
                condition=models.Q(emailed_at__isnull=True),
                name="reminders_digest_email_pending",
            )
        ]

    def __str__(self) -> str:
        return f"Digest {self.day} → {self.user_id}"


class DispatchState(models.Model):
    """One row: when the next full run and the next digest are due (a tick with nothing due reads only this)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    next_run_at = models.DateTimeField(null=True, blank=True)  # null: run at the next tick
    next_digest_at = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_summary = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Next run {self.next_run_at}, next digest {self.next_digest_at}"
