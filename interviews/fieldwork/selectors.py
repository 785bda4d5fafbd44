"""Reads for the interviewer's day, the conflicts, and the answers shown beside each other.

The day data is cached on the tablet (in plain text, by the service worker's Cache Storage), so it
carries no worker's answer and no name: the slots (time, room, format, site; never the list
positions of who is to be interviewed), the published questionnaires, the follow-up number and the
currencies to offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django_countries import countries

from engagements.demographics import gender_choices
from engagements.models import Corridor, Engagement
from interviews.fieldwork.currency import currencies_first
from interviews.fieldwork.models import SlotProgress, SyncConflict
from interviews.questionnaires.answers import CURRENCY_CODES, client_definition
from interviews.questionnaires.catalogue import YES_NO_LABELS, Language, QuestionType
from interviews.questionnaires.models import Question, QuestionnaireVersion, VersionStatus
from interviews.sampling.models import AssessmentSite, InterviewSlot
from tenancy.access import engagements_for_user, get_engagement_for_user
from tenancy.roles import Capability
from vault.models import ConsentKind, ContractType, Respondent, RespondentKind, Response


def capture_engagements(user: Any) -> QuerySet[Engagement]:
    """The engagements where the user records interviews."""
    return engagements_for_user(user, Capability.CAPTURE_RESPONSES).order_by("title")


def latest_published(engagement_ids: Iterable[Any]) -> dict[Any, list[QuestionnaireVersion]]:
    """Engagement id -> the newest published version of each of its questionnaires."""
    versions = (
        QuestionnaireVersion.objects.filter(engagement_id__in=list(engagement_ids), status=VersionStatus.PUBLISHED)
        .select_related("questionnaire")
        .order_by("questionnaire__created_at", "-number")
    )
    by_engagement: dict[Any, list[QuestionnaireVersion]] = {}
    seen: set[Any] = set()
    for version in versions:
        if version.questionnaire_id in seen:
            continue
        seen.add(version.questionnaire_id)
        by_engagement.setdefault(version.engagement_id, []).append(version)
    return by_engagement


def _follow_up(engagement: Engagement) -> dict[str, str] | None:
    """The free follow-up number given to workers, when the follow-up module exists and one is set."""
    try:
        from interviews.followup.selectors import follow_up_line
    except ImportError:
        return None
    line = follow_up_line(engagement)
    if line is None:
        return None
    return {key: str(getattr(line, key, "") or "") for key in ("number", "hours", "answered_by")}


def _slot(slot: InterviewSlot, synced: dict[Any, int]) -> dict[str, Any]:
    return {
        "id": str(slot.pk),
        "site": slot.site.name,
        "date": slot.date.isoformat(),
        "start": slot.start_time.strftime("%H:%M"),
        "end": slot.end_time.strftime("%H:%M"),
        "room": slot.room,
        "shift": slot.shift,
        "format": slot.format,
        "synced": synced.get(slot.pk, 0),
    }


def currencies_for(engagement: Engagement) -> list[str]:
    """The currencies to offer first for the engagement's amounts: destination, origins, US dollar."""
    corridors = list(engagement.corridors.all())
    return currencies_first([str(c.destination) for c in corridors], [str(c.origin) for c in corridors])


def _engagement(
    engagement: Engagement,
    user: Any,
    slots: list[InterviewSlot],
    versions: list[QuestionnaireVersion],
    synced: dict[Any, int],
    open_counts: dict[Any, int],
) -> dict[str, Any]:
    corridors = list(engagement.corridors.all())
    origins = list(dict.fromkeys(str(c.origin) for c in corridors))
    destinations = list(dict.fromkeys(str(c.destination) for c in corridors))
    currencies = currencies_first(destinations, origins)
    return {
        "id": str(engagement.pk),
        "title": engagement.title,
        "slots": [_slot(slot, synced) for slot in slots],
        "sites": sorted({site.name for site in engagement.assessment_sites.all()}),
        "origin_countries": origins,
        "currencies": currencies,
        "default_currency": currencies[0],
        "follow_up": _follow_up(engagement),
        "questionnaires": [client_definition(version) for version in versions],
        "open_responses": open_counts.get(engagement.pk, 0),
    }


def day_data(user: Any, today: date | None = None) -> dict[str, Any]:
    """Everything the capture app needs for the day, for every engagement the user records interviews in."""
    today = today or timezone.localdate()
    engagements = list(
        capture_engagements(user).prefetch_related(
            Prefetch("corridors", queryset=Corridor.objects.order_by("created_at")),
            Prefetch("assessment_sites", queryset=AssessmentSite.objects.only("id", "name", "engagement_id")),
        )
    )
    ids = [e.pk for e in engagements]
    slots = list(
        InterviewSlot.objects.filter(engagement_id__in=ids, interviewer=user, date=today)
        .select_related("site")
        .order_by("start_time", "room")
    )
    synced = dict(SlotProgress.objects.filter(slot__in=slots).values_list("slot_id", "interviews"))
    versions = latest_published(ids)
    open_counts = dict(
        Response.objects.filter(engagement_id__in=ids, interviewer=user, submitted_at__isnull=True)
        .order_by()
        .values("engagement_id")
        .annotate(n=Count("pk"))
        .values_list("engagement_id", "n")
    )
    return {
        "date": today.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "user": str(user.pk),
        "engagements": [
            _engagement(
                e,
                user,
                [s for s in slots if s.engagement_id == e.pk],
                versions.get(e.pk, []),
                synced,
                open_counts,
            )
            for e in engagements
        ],
        "choices": _choices(),
    }


def _choices() -> dict[str, Any]:
    age_bands = Respondent._meta.get_field("age_band").choices
    return {
        "consent_kind": [{"value": v, "label": str(label)} for v, label in ConsentKind.choices],
        "contract_type": [{"value": v, "label": str(label)} for v, label in ContractType.choices],
        "gender": [{"value": v, "label": str(label)} for v, label in gender_choices()],
        "age_band": [{"value": v, "label": str(label)} for v, label in age_bands],
        "kind": [{"value": v, "label": str(label)} for v, label in RespondentKind.choices],
        "languages": [{"value": "en", "label": "English"}]
        + [{"value": v, "label": str(label)} for v, label in Language.choices],
        "countries": [{"value": code, "label": str(name)} for code, name in countries],
        "currencies": sorted(CURRENCY_CODES),
    }


# --- conflicts ----------------------------------------------------------------------------------


def conflicts_of(user: Any) -> QuerySet[SyncConflict]:
    """The user's own conflicts (records they sent), in engagements where they still record interviews."""
    return (
        SyncConflict.objects.filter(
            record__interviewer=user,
            engagement__in=capture_engagements(user).values("pk"),
        )
        .select_related("engagement", "record", "record__response")
        .order_by("resolved_at", "-created_at")
    )


def engagement_conflicts(engagement: Engagement) -> QuerySet[SyncConflict]:
    """Every conflict of an engagement, for the person who decides them (the lead assessor)."""
    return (
        SyncConflict.objects.filter(engagement=engagement)
        .select_related("engagement", "record", "record__response", "record__interviewer")
        .order_by("resolved_at", "-created_at")
    )


def get_conflict_for_user(user: Any, engagement_id: Any, conflict_id: Any) -> tuple[Engagement, SyncConflict]:
    """An interviewer's own conflict, or any conflict of the engagement for whoever resolves conflicts
    there; anything else is 404, like anything out of reach."""
    engagement = get_engagement_for_user(user, engagement_id)
    conflicts = SyncConflict.objects.filter(engagement=engagement, pk=conflict_id)
    if Capability.RESOLVE_CONFLICTS not in engagement.capabilities:
        if Capability.CAPTURE_RESPONSES not in engagement.capabilities:
            raise PermissionDenied
        conflicts = conflicts.filter(record__interviewer=user)
    conflict = conflicts.select_related("record", "record__response").first()
    if conflict is None:
        raise Http404
    return engagement, conflict


# --- answers as a person reads them -------------------------------------------------------------


def _shown(question: Question, value: Any) -> str:
    if value is None:
        return "—"
    if question.type == QuestionType.YES_NO:
        return YES_NO_LABELS["en"].get(str(value), str(value))
    labels = {str(o.get("value")): str(o.get("label")) for o in question.options or []}
    if question.type == QuestionType.SINGLE_CHOICE:
        return labels.get(str(value), str(value))
    if question.type == QuestionType.MULTIPLE_CHOICE and isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if question.type == QuestionType.MONEY and isinstance(value, dict):
        return f"{value.get('amount', '')} {value.get('currency', '')}".strip()
    return str(value)


def answers_side_by_side(version_id: Any, held: dict[str, Any], stored: dict[str, Any]) -> list[dict[str, Any]]:
    """Per question of the version (in order), the held and the stored answer, and whether they differ."""
    rows = []
    for question in Question.objects.filter(version_id=version_id).order_by("position"):
        if question.key not in held and question.key not in stored:
            continue
        a, b = held.get(question.key), stored.get(question.key)
        rows.append(
            {"question": question.text, "held": _shown(question, a), "stored": _shown(question, b), "differs": a != b}
        )
    return rows
