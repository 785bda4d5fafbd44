"""The record a tablet sends (sync payload v2), validated in full before anything is stored.

::

    {"questionnaire_version": "<uuid of a PUBLISHED version of this engagement>",
     "kind": "worker" | "management" | "recruiter" | "group",
     "consent": {kind, witnessed_by, given_on, language, use_in_report, anonymous_quotes,
                 share_with_third_party, third_party, follow_up_calls},
     "demographics": {site, nationality, gender, age_band, recruiter, department, contract_type, recruitment_year},
     "group": {"participants": n, "composition": {"gender": {"woman": 3}, "nationality": {"MM": 5}}},
     "identity": {"phone": "..."},
     "answers": {question_key: value},
     "slot": "<InterviewSlot uuid>"}

Errors come back as ``{"section.field": [message]}``. A group records counts only; a phone number is
accepted only with consent to follow-up calls, and goes to the identity vault alone. Gender and age
band are asked once: when the questionnaire asks them, the respondent's come from those answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries

from engagements.demographics import gender_choices
from engagements.models import Engagement
from interviews.questionnaires.answers import clean_answers
from interviews.questionnaires.models import Question, QuestionnaireVersion, VersionStatus
from interviews.sampling.models import AssessmentSite, InterviewSlot
from vault.forms import ConsentForm, DemographicsForm
from vault.models import Respondent, RespondentKind

SECTIONS = {"questionnaire_version", "kind", "consent", "demographics", "group", "identity", "answers", "slot"}
REQUIRED_SECTIONS = ("questionnaire_version", "kind", "consent", "answers")
DEMOGRAPHIC_FIELDS = (
    "site",
    "nationality",
    "gender",
    "age_band",
    "recruiter",
    "department",
    "contract_type",
    "recruitment_year",
)
# A group interview is held with the worker questionnaire; the others with their own.
QUESTIONNAIRE_KIND = {
    RespondentKind.WORKER: RespondentKind.WORKER,
    RespondentKind.GROUP: RespondentKind.WORKER,
    RespondentKind.MANAGEMENT: RespondentKind.MANAGEMENT,
    RespondentKind.RECRUITER: RespondentKind.RECRUITER,
}
# Asked in the questionnaire when it has a question with this key (the values share the reference's ids).
FROM_ANSWERS = ("gender", "age_band")
MAX_GROUP = 30
GROUP_DIMENSIONS = ("gender", "nationality", "age_band")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-.]{4,30}$")


@dataclass(frozen=True)
class CleanRecord:
    version: QuestionnaireVersion
    kind: str
    consent: dict[str, Any]
    demographics: dict[str, Any]
    identity: dict[str, str] | None
    answers: dict[str, Any]
    slot: InterviewSlot | None


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(str(message))


def _mapping(payload: dict[str, Any], section: str, errors: _Errors) -> dict[str, Any]:
    value = payload.get(section)
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.add(section, _("Must be an object."))
        return {}
    return value


def _unknown(section: str, data: dict[str, Any], allowed: set[str] | tuple[str, ...], errors: _Errors) -> None:
    extra = sorted(str(key) for key in data if key not in allowed)
    if extra:
        errors.add(section, _("Unexpected fields: %(f)s.") % {"f": ", ".join(extra[:10])})


def _version(engagement: Engagement, raw: Any, kind: str | None, errors: _Errors) -> QuestionnaireVersion | None:
    try:
        version_id = UUID(str(raw))
    except ValueError:
        errors.add("questionnaire_version", _("Give the id of a published questionnaire version."))
        return None
    version = (
        QuestionnaireVersion.objects.select_related("questionnaire")
        .filter(engagement=engagement, pk=version_id, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        errors.add("questionnaire_version", _("No published questionnaire version of this engagement has this id."))
        return None
    if kind is not None and version.questionnaire.kind != QUESTIONNAIRE_KIND[kind]:
        errors.add(
            "kind",
            _("A %(kind)s interview cannot use the “%(title)s” questionnaire.")
            % {"kind": RespondentKind(kind).label.lower(), "title": version.questionnaire.title},
        )
    return version


def _kind(raw: Any, errors: _Errors) -> str | None:
    if raw not in RespondentKind.values:
        errors.add("kind", _("Choose one of: %(k)s.") % {"k": ", ".join(RespondentKind.values)})
        return None
    return str(raw)


def _scalars(section: str, data: dict[str, Any], errors: _Errors) -> dict[str, Any]:
    """The section's single values; a list or object is refused here, since a form field given one may crash
    (a DateField calls ``.strip()`` on it: a 500, found by fuzzing the sync payload)."""
    kept = {}
    for key, value in data.items():
        if isinstance(value, (list, dict)):
            errors.add(f"{section}.{key}", _("Give a single value, not a list or an object."))
        else:
            kept[key] = value
    return kept


def _consent(data: dict[str, Any], errors: _Errors) -> dict[str, Any]:
    _unknown("consent", data, set(ConsentForm.Meta.fields), errors)
    form = ConsentForm(data=_scalars("consent", data, errors))
    if not form.is_valid():
        for field, messages in form.errors.items():
            for message in messages:
                errors.add(f"consent.{field}", message)
        return {}
    return form.cleaned_data


def _slot(actor: Any, engagement: Engagement, raw: Any, errors: _Errors) -> InterviewSlot | None:
    if raw in (None, ""):
        return None
    try:
        slot_id = UUID(str(raw))
    except ValueError:
        slot_id = None
    slot = (
        InterviewSlot.objects.select_related("site")
        .filter(engagement=engagement, interviewer=actor, pk=slot_id)
        .first()
        if slot_id
        else None
    )
    if slot is None:
        errors.add("slot", _("This interview is not on your schedule."))
    return slot


def _demographics(
    engagement: Engagement,
    kind: str | None,
    data: dict[str, Any],
    slot: InterviewSlot | None,
    errors: _Errors,
) -> dict[str, Any]:
    _unknown("demographics", data, DEMOGRAPHIC_FIELDS, errors)
    if kind == RespondentKind.GROUP:
        # A group is described by counts (the "group" section), never person by person.
        personal = sorted(k for k in data if k != "site" and data[k] not in (None, ""))
        if personal:
            errors.add(
                "demographics",
                _("A group interview records counts only: leave out %(f)s.") % {"f": ", ".join(personal)},
            )
    chosen = {k: v for k, v in data.items() if k in DEMOGRAPHIC_FIELDS}
    form = DemographicsForm(data={**_scalars("demographics", chosen, errors), "kind": kind or ""})
    if not form.is_valid():
        for field, messages in form.errors.items():
            if field == "kind":
                continue  # reported once, on the record's kind
            for message in messages:
                errors.add(f"demographics.{field}", message)
        return {}
    cleaned = {k: v for k, v in form.cleaned_data.items() if k != "kind"}
    site = (cleaned.get("site") or "").strip()
    if slot is not None:
        cleaned["site"] = slot.site.name
    elif site and not AssessmentSite.objects.filter(engagement=engagement, name=site).exists():
        errors.add("demographics.site", _("“%(site)s” is not a site of this assessment.") % {"site": site[:120]})
    return cleaned


def _count(raw: Any) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0 else None


def _group(kind: str | None, data: dict[str, Any] | None, errors: _Errors) -> dict[str, Any]:
    if kind != RespondentKind.GROUP:
        if data:
            errors.add("group", _("Only a group interview has participant counts."))
        return {}
    data = data or {}
    _unknown("group", data, ("participants", "composition"), errors)
    participants = _count(data.get("participants"))
    if participants is None or not 2 <= participants <= MAX_GROUP:
        errors.add("group.participants", _("A group has between 2 and %(n)d participants.") % {"n": MAX_GROUP})
        participants = None
    composition = data.get("composition") or {}
    if not isinstance(composition, dict):
        errors.add("group.composition", _('Give counts per group, e.g. {"gender": {"woman": 3}}.'))
        return {}
    _unknown("group.composition", composition, GROUP_DIMENSIONS, errors)
    allowed = {
        "gender": {value for value, _label in gender_choices()},
        "nationality": {code for code, _name in countries},
        "age_band": {value for value, _label in Respondent._meta.get_field("age_band").choices},
    }
    clean: dict[str, dict[str, int]] = {}
    for dimension in GROUP_DIMENSIONS:
        counts = composition.get(dimension)
        if counts in (None, {}):
            continue
        if not isinstance(counts, dict):
            errors.add(f"group.composition.{dimension}", _("Give a count per group."))
            continue
        unknown = sorted(str(k) for k in counts if k not in allowed[dimension])
        if unknown:
            errors.add(f"group.composition.{dimension}", _("Unknown groups: %(g)s.") % {"g": ", ".join(unknown[:5])})
            continue
        if any(_count(n) is None for n in counts.values()):
            errors.add(f"group.composition.{dimension}", _("Counts are whole numbers, 0 or more."))
            continue
        if participants is not None and sum(counts.values()) > participants:
            errors.add(
                f"group.composition.{dimension}",
                _("These counts add up to more than the %(n)d participants.") % {"n": participants},
            )
            continue
        clean[dimension] = {k: n for k, n in counts.items() if n}
    return {"group_size": participants, "group_composition": clean}


def _identity(kind: str | None, data: dict[str, Any] | None, consent: dict[str, Any], errors: _Errors) -> dict | None:
    if not data:
        return None
    _unknown("identity", data, ("phone",), errors)
    phone = data.get("phone")
    if phone in (None, ""):
        return None
    if kind == RespondentKind.GROUP:
        errors.add("identity", _("A group interview keeps no phone number."))
        return None
    if not consent.get("follow_up_calls"):
        errors.add(
            "identity.phone",
            _("A phone number is kept only when the worker agrees to follow-up calls (consent)."),
        )
        return None
    phone = str(phone).strip()
    if not PHONE_PATTERN.match(phone) or sum(c.isdigit() for c in phone) < 6:
        errors.add("identity.phone", _("Enter a phone number: digits, with + and spaces if needed."))
        return None
    return {"phone": phone}


def _answers(version: QuestionnaireVersion | None, raw: Any, errors: _Errors) -> tuple[dict[str, Any], set[str]]:
    if version is None:
        return {}, set()
    questions = list(Question.objects.filter(version=version).order_by("position"))
    try:
        return clean_answers(questions, raw if raw is not None else {}), {q.key for q in questions}
    except ValidationError as invalid:
        for key, messages in invalid.message_dict.items():
            for message in messages:
                errors.add("answers" if key == "__all__" else f"answers.{key}", message)
        return {}, {q.key for q in questions}


def clean_record(*, actor: Any, engagement: Engagement, payload: Any) -> CleanRecord:
    """Everything in the record checked; raises ``ValidationError({"section.field": [...]})``."""
    if not isinstance(payload, dict):
        raise ValidationError({"record": [_("The record must be a JSON object.")]})
    errors = _Errors()
    _unknown("record", payload, SECTIONS, errors)
    for section in REQUIRED_SECTIONS:
        if payload.get(section) in (None, ""):
            errors.add(section, _("This part of the record is missing."))
    kind = _kind(payload.get("kind"), errors)
    version = _version(engagement, payload.get("questionnaire_version"), kind, errors)
    consent = _consent(_mapping(payload, "consent", errors), errors)
    slot = _slot(actor, engagement, payload.get("slot"), errors)
    demographics = _demographics(engagement, kind, _mapping(payload, "demographics", errors), slot, errors)
    group = _group(kind, _mapping(payload, "group", errors), errors)
    identity = _identity(kind, _mapping(payload, "identity", errors), consent, errors)
    answers, keys = _answers(version, payload.get("answers"), errors)
    if errors:
        raise ValidationError(dict(errors))
    assert version is not None and kind is not None  # errors would have been raised above
    if kind != RespondentKind.GROUP:
        valid = {"gender": dict(gender_choices()), "age_band": dict(Respondent._meta.get_field("age_band").choices)}
        for key in FROM_ANSWERS:
            if key in keys:
                value = answers.get(key)
                demographics[key] = value if isinstance(value, str) and value in valid[key] else ""
    return CleanRecord(
        version=version,
        kind=kind,
        consent=consent,
        demographics={**demographics, **group, "kind": kind},
        identity=identity,
        answers=answers,
        slot=slot,
    )
