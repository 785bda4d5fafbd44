"""The demo engagement's questionnaires: the three instruments copied, tailored and published.

The worker questionnaire was tailored to the Myanmar and Cambodia to Thailand corridors and published
as version 1; version 2, a draft, adds a question on the migration channel. Entirely fictional.
"""

from __future__ import annotations

from typing import Any

from engagements.models import Engagement
from interviews.questionnaires import services
from interviews.questionnaires.models import Questionnaire, QuestionnaireTemplate
from interviews.questionnaires.seed import templates_load

NATIONALITY_OPTIONS = [
    {"value": "myanmar", "label": "Myanmar"},
    {"value": "cambodia", "label": "Cambodia"},
    {"value": "other", "label": "Another nationality"},
    {"value": "prefer_not_to_disclose", "label": "Prefer not to disclose"},
]
CHANNEL_OPTIONS = [
    {"value": "government_mou", "label": "Through the agreement between governments (MOU)"},
    {"value": "border_pass", "label": "With a border pass"},
    {"value": "registered_here", "label": "I was registered after I arrived"},
    {"value": "other", "label": "Another way"},
    {"value": "dont_know", "label": "I don't know"},
]


def seed_demo_questionnaires(engagement: Engagement, users: dict[str, Any]) -> None:
    """Idempotent: an engagement that already has questionnaires is left as it is."""
    if Questionnaire.objects.filter(engagement=engagement).exists():
        return
    templates_load()
    lead = users["lead@demo.example"]
    by_key = {t.key: t for t in QuestionnaireTemplate.objects.all()}

    worker = services.questionnaire_copy_template(
        actor=lead,
        engagement=engagement,
        template=by_key["migrant_worker"],
        title="Migrant worker interview (Myanmar and Cambodia to Thailand)",
    )
    nationality = worker.questions.get(key="nationality")
    services.question_update(
        actor=lead, question=nationality, type="single_choice", options=NATIONALITY_OPTIONS, required=True
    )
    services.question_set_translation(
        actor=lead,
        question=nationality,
        language="my",
        text="သင်သည် မည်သည့်နိုင်ငံသား ဖြစ်ပါသနည်း။",
        options={"myanmar": "မြန်မာ", "cambodia": "ကမ္ဘောဒီးယား"},
    )
    services.question_set_translation(
        actor=lead,
        question=nationality,
        language="km",
        text="តើអ្នកមានសញ្ជាតិអ្វី?",
        options={"myanmar": "មីយ៉ាន់ម៉ា", "cambodia": "កម្ពុជា"},
    )
    services.version_publish(actor=lead, version=worker)

    draft = services.version_start_draft(actor=lead, questionnaire=worker.questionnaire)
    services.question_add(
        actor=lead,
        version=draft,
        key="migration_channel",
        after="how_found_job",
        section="recruitment",
        type="single_choice",
        text="How did you come to work in Thailand?",
        options=CHANNEL_OPTIONS,
        indicators=[],
        risks=["b_rd_unlicensed_recruiters", "b_rd_wrong_visa"],
        # Coming on a border pass, or being registered only after arriving, means no work visa at departure.
        reported_when=["border_pass", "registered_here"],
    )

    for key in ("employer_management", "labour_recruiter_management"):
        version = services.questionnaire_copy_template(actor=lead, engagement=engagement, template=by_key[key])
        services.version_publish(actor=lead, version=version)
