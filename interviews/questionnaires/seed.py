"""Loading the three instruments of the method from ``seed/instruments.yaml`` into templates.

Idempotent: a template whose content (hashed) is unchanged is left as it is, so running the loader
again changes nothing; a changed instrument replaces its template's questions (copies already made
into engagements are independent and never touched). Every question is validated by the same rules
as a tailored one (``rules.questionnaire_errors``): a seed file with a bad question is refused whole, and
so is a choice question mapping indicators or risks without the answers that report them (``reported_when``).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from interviews.questionnaires.catalogue import gender_options
from interviews.questionnaires.models import QuestionnaireTemplate, TemplateQuestion
from interviews.questionnaires.rules import mapping_gaps, questionnaire_errors

SEED_PATH = Path(__file__).resolve().parent / "seed" / "instruments.yaml"
QUESTION_KEYS = {
    "key",
    "section",
    "type",
    "text",
    "guidance",
    "required",
    "options",
    "show_if",
    "translations",
    "indicators",
    "risks",
    "reported_when",
    "fee_category",
}


def read_seed(path: Path = SEED_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _label_map(raw: Any, where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise ImproperlyConfigured(f"{where}: expected a mapping of value -> label")
    for value in raw:
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise ImproperlyConfigured(f"{where}: option {value!r} must be written as a quoted string")
    return {str(value): str(label) for value, label in raw.items()}


def _options(raw: Any, option_sets: Mapping[str, Any], where: str) -> list[dict[str, str]]:
    if raw in (None, []):
        return []
    if raw == "gender":
        return gender_options()
    if isinstance(raw, str):
        if raw not in option_sets:
            raise ImproperlyConfigured(f"{where}: no option set named {raw!r}")
        raw = option_sets[raw]
    return [{"value": value, "label": label} for value, label in _label_map(raw, where).items()]


def _rule(raw: Any) -> dict[str, str] | None:
    if not raw:
        return None
    value = raw.get("value")
    if isinstance(value, bool):  # an unquoted yes/no in YAML
        value = "yes" if value else "no"
    return {**raw, "value": str(value)}


def _reported_when(raw: Any) -> list[str]:
    """Option values, with an unquoted YAML yes/no read back as "yes"/"no"."""
    values = raw if isinstance(raw, list) else [raw] if raw not in (None, "") else []
    return [("yes" if v else "no") if isinstance(v, bool) else str(v) for v in values]


def _translations(raw: Any, where: str) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for language, entry in (raw or {}).items():
        clean: dict[str, Any] = {"text": str(entry.get("text", ""))}
        if entry.get("guidance"):
            clean["guidance"] = str(entry["guidance"])
        if entry.get("options"):
            clean["options"] = _label_map(entry["options"], f"{where} ({language})")
        result[str(language)] = clean
    return result


def normalise_question(raw: Mapping[str, Any], option_sets: Mapping[str, Any], position: int) -> dict[str, Any]:
    where = f"question {raw.get('key')!r}"
    unknown = set(raw) - QUESTION_KEYS
    if unknown:
        raise ImproperlyConfigured(f"{where}: unknown fields {sorted(unknown)}")
    return {
        "key": str(raw.get("key", "")),
        "position": position,
        "section": str(raw.get("section", "")),
        "type": str(raw.get("type", "")),
        "text": str(raw.get("text", "")).strip(),
        "guidance": str(raw.get("guidance", "") or "").strip(),
        "required": bool(raw.get("required", False)),
        "options": _options(raw.get("options"), option_sets, where),
        "show_if": _rule(raw.get("show_if")),
        "translations": _translations(raw.get("translations"), where),
        "indicators": list(raw.get("indicators") or []),
        "risks": list(raw.get("risks") or []),
        "reported_when": _reported_when(raw.get("reported_when")),
        "fee_category": str(raw.get("fee_category") or ""),
    }


def normalise_instrument(raw: Mapping[str, Any], option_sets: Mapping[str, Any]) -> dict[str, Any]:
    questions = [normalise_question(q, option_sets, index) for index, q in enumerate(raw["questions"], start=1)]
    return {
        "key": str(raw["key"]),
        "kind": str(raw["kind"]),
        "title": str(raw["title"]),
        "description": str(raw.get("description", "")).strip(),
        "position": int(raw.get("position", 0)),
        "questions": questions,
    }


def instruments(path: Path = SEED_PATH) -> list[dict[str, Any]]:
    """The seed's instruments, normalised and validated (ImproperlyConfigured on any bad question)."""
    return copy.deepcopy(_instruments(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=4)
def _instruments(path: str, _mtime: int) -> list[dict[str, Any]]:
    """Parsed once per version of the file: the loader runs after every migrate and test flush."""
    data = read_seed(Path(path))
    result = []
    for raw in data["instruments"]:
        instrument = normalise_instrument(raw, data.get("option_sets") or {})
        questions = [TemplateQuestion(**q) for q in instrument["questions"]]
        errors = questionnaire_errors(questions)
        if errors:
            raise ImproperlyConfigured(f"Instrument {instrument['key']!r} has invalid questions: {errors}")
        gaps = mapping_gaps(questions)
        if gaps:  # every version copied from a template must be publishable
            raise ImproperlyConfigured(f"Instrument {instrument['key']!r}: no answer reports the mapping of {gaps}")
        result.append(instrument)
    return result


def _content_hash(instrument: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(instrument, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def templates_load(*, actor: Any = None, path: Path = SEED_PATH) -> dict[str, str]:
    """Create or refresh the templates from the seed file. Returns key -> created / updated / unchanged.

    The templates are the platform's reference content, not tenant data: nothing here is audited
    per engagement (``actor`` is accepted for symmetry with every other service and may be None).
    """
    outcome: dict[str, str] = {}
    for instrument in instruments(path):
        digest = _content_hash(instrument)
        template = QuestionnaireTemplate.objects.select_for_update().filter(key=instrument["key"]).first()
        if template is not None and template.content_hash == digest:
            outcome[instrument["key"]] = "unchanged"
            continue
        outcome[instrument["key"]] = "created" if template is None else "updated"
        fields = {name: instrument[name] for name in ("kind", "title", "description", "position")}
        if template is None:
            template = QuestionnaireTemplate(key=instrument["key"])
        for name, value in {**fields, "content_hash": digest}.items():
            setattr(template, name, value)
        template.full_clean()
        template.save()
        template.questions.all().delete()
        TemplateQuestion.objects.bulk_create(
            [TemplateQuestion(template=template, **question) for question in instrument["questions"]]
        )
    return outcome
