"""A realistic, entirely fictional demo: a seafood processor in Thailand, workers from Myanmar and Cambodia."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from accounts.models import User
from engagements.models import Engagement, ItemStatus, Phase
from engagements.services.engagements import corridor_add, engagement_create
from engagements.services.participants import participant_set
from engagements.services.tracker import checklist_item_set_status, phase_close
from tenancy import grants
from tenancy.models import Organisation
from tenancy.roles import EngagementRole, OrgRole
from tenancy.services import membership_set, organisation_create

DEMO_PASSWORD = "demo-mapping-2026"
DEMO_ORG = "Coastal Sourcing Collective (demo)"
OTHER_ORG = "Another Organisation (demo)"
DEMO_TITLE = "Shrimp processing, Samut Sakhon: recruitment from Myanmar and Cambodia"

PEOPLE = [
    # email, name, organisation role (None: an outsider), engagement role (None: no engagement role)
    ("admin@demo.example", "Demo Organisation Admin", OrgRole.OWNER, None),
    ("lead@demo.example", "Demo Lead Assessor", OrgRole.MEMBER, EngagementRole.LEAD_ASSESSOR),
    ("assessor@demo.example", "Demo Assessor", OrgRole.MEMBER, EngagementRole.ASSESSOR),
    ("interviewer@demo.example", "Demo Interviewer", OrgRole.MEMBER, EngagementRole.INTERVIEWER),
    ("business@demo.example", "Demo Business Reviewer", None, EngagementRole.BUSINESS_REVIEWER),
    ("workerrep@demo.example", "Demo Worker Representative", None, EngagementRole.WORKER_REPRESENTATIVE),
]
OTHER_PERSON = ("other@other.example", "Other Organisation Lead")

# Each part of the product fills its pages of the demo engagement, idempotently.
DEMO_SEEDERS = [
    "engagements.scoping.demo.seed_demo_scoping",
    "engagements.supplychain.demo.seed_demo_supplychain",
    "interviews.preparation.demo.seed_demo_preparation",
    "interviews.questionnaires.demo.seed_demo_questionnaires",
    "interviews.sampling.demo.seed_demo_sampling",
    "interviews.fieldwork.demo.seed_demo_fieldwork",
    "interviews.sitevisits.demo.seed_demo_sitevisits",
    "interviews.followup.demo.seed_demo_followup",
    "interviews.debrief.demo.seed_demo_debrief",
    "findings.demo.seed_demo_findings",
    "findings.analysis.demo.seed_demo_analysis",
    "actionplans.demo.seed_demo_action_plan",
    "actionplans.monitoring.demo.seed_demo_monitoring",
    "actionplans.followups.demo.seed_demo_followups",
    "disclosure.demo.seed_demo_disclosure",
    "reminders.demo.seed_demo_reminders",
]


def _user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
    return user


def _organisation(name: str, owner: User) -> Organisation:
    return Organisation.objects.filter(name=name).first() or organisation_create(actor=None, name=name, owner=owner)


@transaction.atomic
def seed_demo() -> list[tuple[str, str]]:
    """Build the demo once; running it again changes nothing. Returns (email, role) pairs."""
    users = {email: _user(email, name) for email, name, _org_role, _role in PEOPLE}
    admin = users["admin@demo.example"]
    org = _organisation(DEMO_ORG, admin)
    for email, _name, org_role, _role in PEOPLE:
        if org_role and not org.memberships.filter(user=users[email]).exists():
            membership_set(actor=admin, organisation=org, user=users[email], role=org_role)

    engagement = Engagement.objects.filter(organisation=org, title=DEMO_TITLE).first()
    if engagement is None:
        engagement = _build_engagement(org, admin, users)

    if not engagement.respondents.exists():
        _demo_interviews(engagement, users)
    for path in DEMO_SEEDERS:
        import_string(path)(engagement, users)

    other = _user(*OTHER_PERSON)
    other_org = _organisation(OTHER_ORG, other)
    other_engagement = Engagement.objects.filter(organisation=other_org).first()
    if other_engagement is None:
        other_engagement = engagement_create(
            actor=other, organisation=other_org, title="Garment factory, Johor (demo)", sector="Garments"
        )
        participant_set(actor=other, engagement=other_engagement, user=other, role=EngagementRole.LEAD_ASSESSOR)

    grants.resync_all_grants()  # the capability matrix may have grown since the demo was made
    logins = [
        (email, str(role.label if role else f"Organisation {org_role.label.lower()}"))
        for email, _n, org_role, role in PEOPLE
    ]
    logins.append((OTHER_PERSON[0], "Lead assessor in another organisation"))
    return logins


def _build_engagement(org: Organisation, admin: User, users: dict[str, User]) -> Engagement:
    today = timezone.localdate()
    engagement = engagement_create(
        actor=admin,
        organisation=org,
        title=DEMO_TITLE,
        sector="Seafood processing",
        enterprises=[
            "Shrimp processor (destination employer), Samut Sakhon, Thailand",
            "Labour recruiter in Yangon, Myanmar, and its subagents",
            "Labour recruiter in Phnom Penh, Cambodia, and its subagents",
            "Destination employment agency, Bangkok",
        ],
        description="Process mapping of the recruitment, employment and return of migrant workers "
        "at a shrimp-processing site, from home communities through recruiters and subagents.",
        start_date=today - timedelta(days=90),
        end_date=today + timedelta(days=120),
    )
    corridor_add(actor=admin, engagement=engagement, origin="MM", destination="TH")
    corridor_add(actor=admin, engagement=engagement, origin="KH", destination="TH")
    for email, _name, _org_role, role in PEOPLE:
        if role:
            participant_set(actor=admin, engagement=engagement, user=users[email], role=role)

    lead = users["lead@demo.example"]
    # Phases 1-3 are done: the demo stands in phase 4, the assessment on site.
    for phase in Phase.objects.filter(engagement=engagement, number__lte=3).order_by("number"):
        for item in phase.items.all():
            checklist_item_set_status(actor=lead, item=item, status=ItemStatus.DONE)
        phase_close(actor=lead, phase=phase)
    phase4_items = list(Phase.objects.get(engagement=engagement, number=4).items.order_by("position"))
    for item in phase4_items[:4]:
        checklist_item_set_status(actor=lead, item=item, status=ItemStatus.DONE)
    owners = [lead, users["assessor@demo.example"], users["interviewer@demo.example"]]
    for offset, item in enumerate(phase4_items[4:10]):
        item.owner = owners[offset % len(owners)]
        item.due_date = today + timedelta(days=offset * 3 - 6)  # the first two are overdue
        item.save(update_fields=["owner", "due_date", "updated_at"])
    return engagement


def _demo_interviews(engagement: Engagement, users: dict[str, User]) -> None:
    """A few interviews recorded through the vault: pseudonyms, consent, encrypted answers."""
    from vault.services import respondent_create, response_store

    interviewer = users["interviewer@demo.example"]
    today = timezone.localdate()
    samples = [
        ("MM", "woman", "25_34", "Recruiter in Yangon", "yes", "1200000", "MMK", "yes"),
        ("MM", "man", "18_24", "Recruiter in Yangon", "yes", "900000", "MMK", "no"),
        ("KH", "woman", "35_44", "Recruiter in Phnom Penh", "no", None, None, "no"),
        ("KH", "man", "25_34", "Recruiter in Phnom Penh", "yes", "650", "USD", "unsure"),
    ]
    for index, (country, gender, age, recruiter, paid, amount, currency, passport) in enumerate(samples):
        respondent = respondent_create(
            actor=interviewer,
            engagement=engagement,
            consent={
                "kind": "verbal",
                "witnessed_by": "Demo Assessor",
                "given_on": today,
                "language": "Burmese" if country == "MM" else "Khmer",
                "use_in_report": True,
                "anonymous_quotes": index % 2 == 0,
            },
            demographics={
                "nationality": country,
                "gender": gender,
                "age_band": age,
                "recruiter": recruiter,
                "site": "Processing plant 1",
                "department": "Peeling",
                "contract_type": "direct",
                "recruitment_year": today.year - 1,
            },
            identity={"name": f"Example Person {chr(65 + index)}", "employee_number": f"DEMO-{index + 1:03d}"}
            if index == 0
            else None,
        )
        answers = {
            "paid_recruitment_fees": paid,
            "passport_held_by_employer": passport,
            "notes": "Fictional demo interview.",
        }
        if amount:
            answers.update(fees_amount=amount, fees_currency=currency)
        response_store(actor=interviewer, respondent=respondent, answers=answers)
