"""The demo's phase 3 registers: fictional, realistic, idempotent (each part is made once).

Called from ``engagements.demo.seed_demo`` as ``seed_demo_preparation(engagement, users)``, where
``users`` maps the demo emails to users. Every organisation, person and phone number here is
invented; national laws are named with a one-line demo summary, not legal advice.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from engagements.models import Engagement, Participant
from interviews.preparation import uploads
from interviews.preparation.models import Concern, TrainingTopic
from interviews.preparation.services import business, meetings, procedures, research, team

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

SOURCES = [
    {
        "country": "",
        "topic": "recruitment_fees",
        "kind": "international",
        "title": "ILO General principles and operational guidelines for fair recruitment and definition of "
        "recruitment fees and related costs",
        "summary": "No recruitment fees or related costs should be charged to, or otherwise borne by, workers.",
        "source": "https://www.ilo.org/",
    },
    {
        "country": "",
        "topic": "other",
        "kind": "international",
        "title": "ILO Indicators of Forced Labour",
        "summary": "Eleven indicators used to structure the worker interviews and the findings.",
        "source": "https://www.ilo.org/",
    },
    {
        "country": "MM",
        "topic": "recruitment_fees",
        "kind": "law",
        "title": "Law Relating to Overseas Employment (1999)",
        "summary": "Licensed agencies may collect a service charge from workers (demo summary: check the current "
        "text and fee caps).",
        "source": "Ministry of Labour, Myanmar",
        "is_gap": True,
        "gap_note": "Workers can lawfully be charged recruitment fees in Myanmar.",
        "policy_status": "closed",
        "policy_note": "The buyer's employer-pays policy (2024) forbids any fee to workers and requires repayment.",
    },
    {
        "country": "KH",
        "topic": "recruitment_fees",
        "kind": "regulation",
        "title": "Sub-decree 190 on sending Cambodian workers abroad through private recruitment agencies (2011)",
        "summary": "Regulates private recruitment agencies, including what they may charge workers (demo summary).",
        "source": "Ministry of Labour and Vocational Training, Cambodia",
        "is_gap": True,
        "gap_note": "Related costs (medical checks, passports, training) may be passed to workers.",
        "policy_status": "partial",
        "policy_note": "The employer pays the recruiter's fee but not yet passports and medical checks.",
    },
    {
        "country": "TH",
        "topic": "hours",
        "kind": "law",
        "title": "Labour Protection Act B.E. 2541 (1998)",
        "summary": "Normal working hours, rest days, overtime limits and overtime pay (demo summary).",
        "source": "Ministry of Labour, Thailand",
    },
    {
        "country": "TH",
        "topic": "documents",
        "kind": "law",
        "title": "Royal Ordinance on the Management of the Employment of Migrant Workers (2017, amended 2018)",
        "summary": "Work permits and employers' duties towards migrant workers; forbids keeping workers' documents "
        "(demo summary).",
        "source": "Department of Employment, Thailand",
    },
    {
        "country": "TH",
        "topic": "housing",
        "kind": "code_of_conduct",
        "title": "Buyer's supplier code of conduct, section on accommodation",
        "summary": "Dormitories separated by gender, lockable personal storage, no more than six people a room.",
        "source": "Supplier code of conduct, version 2024",
    },
]

SERVICES = [
    (
        "TH",
        "legal",
        "Samut Sakhon Migrant Legal Aid Centre (demo)",
        "+66 00 000 0101 · Mahachai, near the pier",
        ["my", "km", "th"],
        "trusted",
        "Free legal advice on wages, documents and debts; accompanies workers to the labour office.",
    ),
    (
        "TH",
        "helpline",
        "Demo Migrant Workers' Helpline",
        "Call 0000 (free), LINE: @demohelp",
        ["my", "km", "th"],
        "trusted",
        "24 hours; can arrange an interpreter.",
    ),
    (
        "TH",
        "medical",
        "Provincial hospital emergency department (demo)",
        "+66 00 000 0202 · emergency: 1669",
        ["th", "en"],
        "checked",
        "Emergency care whatever the worker's status.",
    ),
    (
        "TH",
        "consular",
        "Embassy labour attaché desk, Bangkok (demo)",
        "+66 00 000 0303",
        ["my", "en"],
        "checked",
        "Help with lost or confiscated passports.",
    ),
    (
        "TH",
        "nrm",
        "Provincial anti-trafficking coordination centre (demo)",
        "+66 00 000 0404",
        ["th"],
        "not_checked",
        "Referral of suspected trafficking cases; due diligence in progress.",
    ),
    (
        "MM",
        "cso",
        "Demo Returnee Support Network, Yangon",
        "+95 0 000 0505",
        ["my"],
        "trusted",
        "Support for returning workers, including help to recover fees.",
    ),
    (
        "KH",
        "cso",
        "Demo Migrant Resource Centre, Phnom Penh",
        "+855 00 000 606",
        ["km"],
        "checked",
        "Pre-departure advice and complaints against recruitment agencies.",
    ),
]

PROCEDURE_ANSWERS = {
    Concern.ACCESSIBILITY: "Access clause in the MoU: every working and living area, workers chosen by the team, "
    "documents within 2 days.",
    Concern.CONFIDENTIALITY: "Non-retaliation protocol v2: pseudonymous notes, follow-up calls at 2 and 8 weeks, "
    "retaliation reports investigated jointly with the buyer.",
    Concern.GENDER: "Two women interviewers; women workers may ask for a woman interviewer; private room away "
    "from supervisors.",
    Concern.GRIEVANCE: "Review of the factory's hotline against the UNGP criteria; workers told about the "
    "helpline in the referral list.",
    Concern.SENSITIVE: "GBV disclosure protocol: stop, ensure safety, offer referral, tell the lead assessor the "
    "same day.",
    Concern.CRITICAL: "Critical-issues protocol: threats to life, trafficking or child labour escalated to the "
    "lead within the hour and to the coordination centre.",
    Concern.REMEDIATION: "The buyer commits to repay recruitment fees found within 90 days, verified independently.",
}


def _checked(name: str) -> uploads.CheckedUpload:
    return uploads.check_upload(SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf"))


def _desk_research(engagement: Engagement, lead: Any) -> None:
    for source in SOURCES:
        research.legal_source_create(actor=lead, engagement=engagement, **source)
    for country, kind, name, contact, languages, status, description in SERVICES:
        research.referral_service_create(
            actor=lead,
            engagement=engagement,
            country=country,
            kind=kind,
            name=name,
            contact=contact,
            languages=languages,
            due_diligence=status,
            description=description,
            suggested_by_workers=kind == "cso",
        )


def _procedures(engagement: Engagement, lead: Any, today: Any) -> None:
    for concern, answer in PROCEDURE_ANSWERS.items():
        procedures.procedure_answer_set(actor=lead, engagement=engagement, concern=concern, answer=answer)
    procedures.procedures_sign_off(
        actor=lead,
        engagement=engagement,
        signed_by="Demo Managing Director",
        signed_by_role="Managing director, shrimp processor",
        signed_on=today - timedelta(days=60),
        note="Briefed on the desk-research risks; victim confidentiality stressed.",
    )


def _meeting(engagement: Engagement, lead: Any, today: Any) -> None:
    meetings.meeting_create(
        actor=lead,
        engagement=engagement,
        held_on=today - timedelta(days=75),
        attendees=[
            {"organisation": "Shrimp processor", "role": "Managing director", "name": "Demo Managing Director"},
            {"organisation": "Shrimp processor", "role": "HR and recruitment manager", "name": "Demo HR Manager"},
            {"organisation": "Destination employment agency", "role": "Operations manager", "name": ""},
            {"organisation": "Migrant workers' committee", "role": "Two representatives", "name": ""},
            {"organisation": "Coastal Sourcing Collective", "role": "Lead assessor", "name": "Demo Lead Assessor"},
        ],
        agenda_points=["purpose", "opportunity", "process", "expectations", "timeline", "stages", "association"],
        decisions="Assessment on site in phase 4; the workers' committee joins the opening meeting; MoU to follow.",
    )
    meetings.commitment_add(
        actor=lead,
        engagement=engagement,
        kind="mou",
        parties="Shrimp processor and Coastal Sourcing Collective",
        signed_on=today - timedelta(days=70),
        upload=_checked("MoU signed (demo).pdf"),
    )


def _business_side(engagement: Engagement, lead: Any, reviewer: Any) -> None:
    business.survey_save(
        actor=reviewer,
        engagement=engagement,
        answers={
            "operations": "One processing site in Samut Sakhon: peeling, grading, freezing; a dormitory 2 km away.",
            "products": "Frozen peeled shrimp for export.",
            "seasonality": "Peak from October to January; low in May and June.",
            "working_patterns": "Two 8-hour shifts, six days a week; overtime in the peak season.",
            "wages": "Daily minimum wage plus piece rate in peeling; paid twice a month; dormitory deduction.",
            "subcontractors_recruiters": "A recruiter in Yangon and one in Phnom Penh with their subagents; a "
            "Bangkok employment agency supplies 80 workers.",
            "accommodation": "Employer dormitory for 300 workers; others rent rooms nearby.",
            "workforce_total": 640,
        },
        breakdown={
            "migration_status": "560 migrant workers with work permits (MoU channel), 80 Thai workers",
            "nationality": "Myanmar 410, Cambodia 150, Thailand 80",
            "gender": "Women 390, men 250",
            "recruitment_actor": "Yangon recruiter 410, Phnom Penh recruiter 150",
            "employment_type_direct_or_indirect": "560 direct, 80 through the Bangkok agency",
        },
        submit=True,
    )
    business.document_requests_add_standard(actor=lead, engagement=engagement)
    first = engagement.document_requests.get(category="ethical_recruitment")
    business.document_upload(
        actor=reviewer, engagement=engagement, upload=_checked("Ethical recruitment policy (demo).pdf"), request=first
    )


def _team(engagement: Engagement, users: dict[str, Any], today: Any) -> None:
    lead = users["lead@demo.example"]
    done = today - timedelta(days=50)

    def participant(email: str) -> Participant:
        return Participant.objects.get(engagement=engagement, user=users[email])

    members = [
        team.team_member_add(
            actor=lead,
            engagement=engagement,
            participant=participant("lead@demo.example"),
            gender="man",
            languages=["en", "th"],
            skills=["migrant_work", "hr_social_science", "organisation"],
            conflict_status="none",
            interviews_workers=False,
        ),
        team.team_member_add(
            actor=lead,
            engagement=engagement,
            participant=participant("assessor@demo.example"),
            gender="woman",
            languages=["en", "th"],
            skills=["gender_gbv", "hr_social_science"],
            conflict_status="none",
        ),
        team.team_member_add(
            actor=lead,
            engagement=engagement,
            participant=participant("interviewer@demo.example"),
            gender="woman",
            languages=["my", "en"],
            skills=["migrant_work", "communication", "lived_experience"],
            conflict_status="none",
        ),
        team.team_member_add(
            actor=lead,
            engagement=engagement,
            name="Demo Partner Interviewer",
            organisation="Demo Migrant Workers' Network",
            external_role="interviewer",
            gender="man",
            languages=["km", "th"],
            skills=["migrant_work", "communication"],
            conflict_status="declared",
            conflict_text="Worked for a Phnom Penh recruitment agency until 2019 (not one in this corridor).",
        ),
    ]
    for index, member in enumerate(members):
        topics = TrainingTopic.values if index < 3 else TrainingTopic.values[:6]
        team.training_record_set(actor=lead, member=member, completed=dict.fromkeys(topics, done))
    team.information_letter_save(
        actor=lead,
        engagement=engagement,
        workplace="the shrimp-processing factory in Samut Sakhon",
        commissioned_by="a member brand of Coastal Sourcing Collective",
        interview_period="during the assessment week, in working hours",
        interview_place="the training room next to the canteen, away from the supervisors' offices",
        follow_up_phone="+66 00 000 1234",
        follow_up_hours="Monday to Saturday, 8:00–20:00",
        signatory_name="Demo Lead Assessor",
        signatory_role="Lead assessor",
    )


@transaction.atomic
def seed_demo_preparation(engagement: Engagement, users: dict[str, Any]) -> None:
    """Fill the demo's phase 3 registers; a part already there is left as it is."""
    lead, reviewer = users["lead@demo.example"], users["business@demo.example"]
    today = timezone.localdate()
    if not engagement.legal_sources.exists():
        _desk_research(engagement, lead)
    if not engagement.procedure_answers.exists():
        _procedures(engagement, lead, today)
    if not engagement.introductory_meetings.exists():
        _meeting(engagement, lead, today)
    if not engagement.document_requests.exists():
        _business_side(engagement, lead, reviewer)
    if not engagement.team_members.exists():
        _team(engagement, users, today)
