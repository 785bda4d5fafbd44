"""Writing, triangulating and releasing findings (guide, phase 5 step 1).

A draft may be incomplete; a finding is released only when it says what was found, the evidence,
and, unless it is a good practice, its root cause and a recommendation aimed at it, with when to act.
A critical finding needs immediate action. Released findings can still be revised (the readers see
that it was), never taken back to draft or deleted: the business and worker representatives have
read them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record
from engagements.models import Engagement
from findings.models import SOURCE_FIELD, Finding, FindingSource, FindingStatus, Severity, SourceKind, Stance, Term
from interviews.questionnaires.catalogue import indicator_names, risk_names
from interviews.sitevisits.models import DocumentReview, SiteObservation
from vault.models import Respondent, RespondentKind

FIELDS = (
    "title",
    "severity",
    "description",
    "root_cause",
    "indicators",
    "risks",
    "affected_groups",
    "workers_affected",
    "workers_asked",
    "breakdown_dimension",
    "breakdown",
    "evidence",
    "recommendation",
    "recommendation_term",
)
TEXT_FIELDS = ("title", "description", "root_cause", "affected_groups", "evidence", "recommendation")
MAX_GROUPS = 40


def _in_reference_order(ids: Any, reference: dict[str, str], field: str) -> list[str]:
    chosen = set(ids or [])
    unknown = chosen - set(reference)
    if unknown:
        raise ValidationError({field: _("Choose from the reference catalogue.")})
    return [item for item in reference if item in chosen]


def _clean_breakdown(finding: Finding) -> None:
    rows = finding.breakdown or []
    if not isinstance(rows, list) or len(rows) > MAX_GROUPS:
        raise ValidationError({"breakdown": _("At most %(n)s groups.") % {"n": MAX_GROUPS}})
    cleaned, seen = [], set()
    for row in rows:
        group, count = str(row.get("group", "")).strip(), row.get("count")
        if not group or not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValidationError({"breakdown": _("Each group needs a name and a number of workers.")})
        if group.casefold() in seen:
            raise ValidationError({"breakdown": _("Each group may be listed once.")})
        seen.add(group.casefold())
        cleaned.append({"group": group, "count": count})
    if cleaned and not finding.breakdown_dimension:
        raise ValidationError({"breakdown_dimension": _("Say what the groups are: nationality, gender...")})
    if cleaned and finding.workers_affected is None:
        raise ValidationError({"workers_affected": _("Give the number of workers who reported it.")})
    if cleaned and sum(r["count"] for r in cleaned) > finding.workers_affected:
        raise ValidationError(
            {"breakdown": _("The groups add up to more than the workers who reported it; the rest is 'not recorded'.")}
        )
    finding.breakdown = cleaned
    if not cleaned:
        finding.breakdown_dimension = ""


def _clean(finding: Finding) -> None:
    for name in TEXT_FIELDS:
        setattr(finding, name, (getattr(finding, name) or "").strip())
    finding.indicators = _in_reference_order(finding.indicators, indicator_names(), "indicators")
    finding.risks = _in_reference_order(finding.risks, risk_names(), "risks")
    affected, asked = finding.workers_affected, finding.workers_asked
    if affected is not None and asked is not None and affected > asked:
        raise ValidationError({"workers_affected": _("More workers reported it than were asked.")})
    _clean_breakdown(finding)
    if finding.severity == Severity.CRITICAL and finding.recommendation_term not in ("", Term.IMMEDIATE):
        raise ValidationError({"recommendation_term": _("A critical finding needs immediate action.")})
    finding.full_clean(exclude=["number"])


def _check_complete(finding: Finding) -> None:
    """What a finding must say before the business and worker representatives read it."""
    required = ["description", "evidence"]
    if finding.severity != Severity.GOOD_PRACTICE:
        required += ["root_cause", "recommendation", "recommendation_term"]
    missing = [name for name in required if not getattr(finding, name)]
    if missing:
        labels = ", ".join(str(Finding._meta.get_field(name).verbose_name) for name in missing)
        raise ValidationError(_("Before it is released, the finding needs: %(fields)s.") % {"fields": labels})


def _next_number(engagement: Engagement) -> int:
    # The engagement's row is the lock: two findings written at once never get the same number.
    Engagement.objects.select_for_update().filter(pk=engagement.pk).first()
    last = Finding.objects.filter(engagement=engagement).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def finding_create(*, actor: Any, engagement: Engagement, **fields: Any) -> Finding:
    """A new draft finding."""
    finding = Finding(engagement=engagement, written_by=actor, **{k: v for k, v in fields.items() if k in FIELDS})
    _clean(finding)
    finding.number = _next_number(engagement)
    finding.save()
    record(
        actor=actor,
        verb="finding.created",
        target=finding,
        engagement=engagement,
        detail={"number": finding.number, "severity": finding.severity},
    )
    return finding


@transaction.atomic
def finding_update(*, actor: Any, finding: Finding, **fields: Any) -> Finding:
    """Change a finding; after release the change is marked as a revision the readers see."""
    before = {name: getattr(finding, name) for name in FIELDS}
    for name, value in fields.items():
        if name in FIELDS:
            setattr(finding, name, value)
    _clean(finding)
    changed = [name for name in FIELDS if getattr(finding, name) != before[name]]
    if not changed:
        return finding
    if finding.is_released:
        _check_complete(finding)
        finding.revised_at = timezone.now()
    finding.save()
    record(
        actor=actor,
        verb="finding.updated",
        target=finding,
        engagement=finding.engagement,
        detail={"number": finding.number, "fields": changed, "after_release": finding.is_released},
    )
    return finding


@transaction.atomic
def finding_delete(*, actor: Any, finding: Finding) -> None:
    if finding.is_released:
        raise ValidationError(
            _("A released finding cannot be deleted: the business and worker representatives read it.")
        )
    record(
        actor=actor,
        verb="finding.deleted",
        target=finding,
        engagement=finding.engagement,
        detail={"number": finding.number},
    )
    finding.delete()


@transaction.atomic
def finding_release(*, actor: Any, finding: Finding) -> Finding:
    """Release a finding to the business and worker representatives (lead assessor)."""
    if finding.is_released:
        raise ValidationError(_("This finding is already released."))
    _check_complete(finding)
    finding.status, finding.released_at, finding.released_by = FindingStatus.RELEASED, timezone.now(), actor
    finding.save(update_fields=["status", "released_at", "released_by", "updated_at"])
    record(
        actor=actor,
        verb="finding.released",
        target=finding,
        engagement=finding.engagement,
        detail={
            "number": finding.number,
            "severity": finding.severity,
            "single_source": finding.is_single_source,
        },
    )
    return finding


# --- Triangulation ---------------------------------------------------------------------------------


def _reference(engagement: Engagement, kind: str, reference: Any) -> dict[str, Any]:
    """The source's reference, checked to belong to the engagement and to fit the kind."""
    field = SOURCE_FIELD[SourceKind(kind)]
    if field is None:
        return {}
    if reference is None:
        raise ValidationError({field: _("Choose which one.")})
    if kind == SourceKind.MANAGEMENT_INTERVIEW:
        fits = isinstance(reference, Respondent) and reference.kind in (
            RespondentKind.MANAGEMENT,
            RespondentKind.RECRUITER,
        )
    elif kind == SourceKind.DOCUMENT_REVIEW:
        fits = isinstance(reference, DocumentReview)
    else:
        fits = isinstance(reference, SiteObservation) and bool(reference.status)
    if not fits or reference.engagement_id != engagement.pk:
        raise ValidationError({field: _("Choose one of this engagement's.")})
    return {field: reference}


@transaction.atomic
def source_add(
    *, actor: Any, finding: Finding, kind: str, stance: str, note: str = "", reference: Any = None
) -> FindingSource:
    """Link a source to a finding, with what it says. Worker interviews are linked once, aggregated."""
    if kind not in SourceKind.values:
        raise ValidationError({"kind": _("Unknown kind of source.")})
    if stance not in Stance.values:
        raise ValidationError({"stance": _("Say whether the source agrees, contradicts or is silent.")})
    source = FindingSource(
        engagement=finding.engagement,
        finding=finding,
        kind=kind,
        stance=stance,
        note=note.strip(),
        added_by=actor,
        **_reference(finding.engagement, kind, reference),
    )
    source.full_clean(exclude=["finding"], validate_constraints=False)
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError as error:
        raise ValidationError(_("This source is already linked to the finding.")) from error
    record(
        actor=actor,
        verb="finding.source_added",
        target=finding,
        engagement=finding.engagement,
        detail={"number": finding.number, "source": str(source.pk), "kind": kind, "stance": stance},
    )
    return source


@transaction.atomic
def source_remove(*, actor: Any, source: FindingSource) -> None:
    finding = source.finding
    record(
        actor=actor,
        verb="finding.source_removed",
        target=finding,
        engagement=finding.engagement,
        detail={"number": finding.number, "source": str(source.pk), "kind": source.kind},
    )
    source.delete()
