"""The phase 3 registers: desk research, referrals, procedures and sign-off, meeting, team, letter."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from engagements import phase_pages
from engagements.models import Participant
from engagements.services.engagements import corridor_add
from interviews.preparation import selectors, uploads
from interviews.preparation.models import (
    Concern,
    DocumentRequest,
    IntroductoryMeeting,
    LegalSource,
    ProcedureSignOff,
    TeamMember,
    TrainingTopic,
)
from interviews.preparation.services import business, procedures, research, team
from tenancy.roles import Capability
from tests.conftest import World

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_storage(settings: Any, tmp_path: Path) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def _url(name: str, world: World, *args: Any) -> str:
    return reverse(f"preparation:{name}", args=[world.engagement.pk, *args])


def _member(world: World, **fields: Any) -> TeamMember:
    values = {"gender": "woman", "languages": [], "conflict_status": "none", "interviews_workers": True, **fields}
    if "participant" not in values and "name" not in values:
        values["name"] = "Test Partner Interviewer"
    return team.team_member_add(actor=world.user("lead"), engagement=world.engagement, **values)


def _messages(world: World) -> list[str]:
    return [
        w.message for w in selectors.team_warnings(world.engagement, list(selectors.team_members(world.engagement)))
    ]


# --- Desk research ----------------------------------------------------------------------------------


def test_desk_research_records_a_legal_gap_and_whether_a_policy_closes_it(world: World, client_for: Any) -> None:
    client = client_for("assessor")
    response = client.post(
        _url("desk_research_add", world),
        {
            "country": "MM",
            "topic": "recruitment_fees",
            "kind": "law",
            "title": "Overseas employment law (test)",
            "summary": "Licensed agencies may charge workers a service fee.",
            "source": "https://example.org/overseas-employment-law",
            "is_gap": "on",
            "gap_note": "Workers may lawfully be charged recruitment fees.",
            "policy_status": "closed",
            "policy_note": "The buyer's employer-pays policy forbids any fee.",
        },
    )
    assert response.status_code == 302
    source = LegalSource.objects.get(engagement=world.engagement)
    assert source.is_gap and source.policy_status == "closed"
    assert AuditEntry.objects.filter(verb="legal_source.added", target_id=str(source.pk)).exists()

    page = client_for("interviewer").get(_url("desk_research", world)).content.decode()
    assert "Legal gap" in page and "A business policy closes the gap" in page and "Myanmar" in page
    filtered = client.get(_url("desk_research", world) + "?topic=wages").content.decode()
    assert "Overseas employment law" not in filtered


def test_a_legal_gap_needs_a_description(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        research.legal_source_create(
            actor=world.user("lead"),
            engagement=world.engagement,
            country="TH",
            topic="hours",
            title="Labour protection act (test)",
            source="Gazette",
            is_gap=True,
        )
    assert "gap_note" in error.value.message_dict


def test_editing_a_source_is_audited_with_the_fields_changed(world: World, client_for: Any) -> None:
    source = research.legal_source_create(
        actor=world.user("lead"),
        engagement=world.engagement,
        country="TH",
        topic="wages",
        title="Wage rule",
        source="x",
    )
    client_for("lead").post(
        _url("desk_research_edit", world, source.pk),
        {"country": "TH", "topic": "wages", "kind": "regulation", "title": "Wage rule", "source": "x"},
    )
    entry = AuditEntry.objects.get(verb="legal_source.updated")
    assert entry.detail == {"fields": ["kind"]}


# --- Referral directory --------------------------------------------------------------------------------


def test_the_worker_view_shows_only_services_whose_due_diligence_is_done(world: World, client_for: Any) -> None:
    lead = world.user("lead")
    for name, country, status in [
        ("Test Migrant Legal Clinic", "TH", "trusted"),
        ("Test Embassy Labour Desk", "TH", "checked"),
        ("Unvetted Test Hotline", "TH", "not_checked"),
        ("Test Returnee Network", "MM", "trusted"),
    ]:
        research.referral_service_create(
            actor=lead,
            engagement=world.engagement,
            country=country,
            kind="legal",
            name=name,
            contact="+00 000 000",
            languages=["my"],
            due_diligence=status,
        )
    client = client_for("interviewer")
    directory = client.get(_url("referrals", world)).content.decode()
    assert "Unvetted Test Hotline" in directory and "Not checked" in directory

    shown = client.get(_url("referral_show", world) + "?country=TH").content.decode()
    assert "Test Migrant Legal Clinic" in shown and "Test Embassy Labour Desk" in shown
    assert "Unvetted Test Hotline" not in shown
    assert "Test Returnee Network" not in shown  # another country: one at a time
    assert "worker-view" in shown and "Burmese" in shown
    assert "Test Returnee Network" in client.get(_url("referral_show", world) + "?country=MM").content.decode()


def test_unknown_language_codes_are_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        research.referral_service_create(
            actor=world.user("lead"),
            engagement=world.engagement,
            country="TH",
            kind="helpline",
            name="x",
            contact="y",
            languages=["klingon"],
        )


# --- Procedures and sign-off -------------------------------------------------------------------------


def _answer_all(world: World, but: tuple[str, ...] = ()) -> None:
    for concern in Concern.values:
        if concern not in but:
            procedures.procedure_answer_set(
                actor=world.user("assessor"), engagement=world.engagement, concern=concern, answer="Decided."
            )


def test_sign_off_is_refused_until_every_concern_is_answered(world: World, client_for: Any) -> None:
    _answer_all(world, but=("remediation",))
    response = client_for("lead").post(
        _url("procedures_sign_off", world),
        {"signed_by": "Test Managing Director", "signed_by_role": "Managing director", "signed_on": "2026-01-20"},
    )
    assert response.status_code == 200
    assert "Remediation" in response.content.decode()
    assert not ProcedureSignOff.objects.exists()


def test_the_lead_records_senior_leaderships_sign_off_and_it_is_audited(world: World, client_for: Any) -> None:
    _answer_all(world)
    signed_on = timezone.localdate() - timedelta(days=1)
    assert client_for("assessor").get(_url("procedures_sign_off", world)).status_code == 403
    response = client_for("lead").post(
        _url("procedures_sign_off", world),
        {"signed_by": "Test Managing Director", "signed_by_role": "Managing director", "signed_on": signed_on},
    )
    assert response.status_code == 302
    sign_off = ProcedureSignOff.objects.get(engagement=world.engagement)
    assert sign_off.recorded_by == world.user("lead") and sign_off.signed_on == signed_on
    entry = AuditEntry.objects.get(verb="procedures.signed_off")
    assert entry.actor == world.user("lead") and entry.engagement == world.engagement
    assert entry.target_id == str(sign_off.pk)
    assert entry.detail == {"signed_on": signed_on.isoformat(), "concerns": 7}

    page = client_for("interviewer").get(_url("procedures", world)).content.decode()
    assert "Signed off" in page and "Test Managing Director" in page and "7 of 7 concerns answered" in page


def test_a_sign_off_cannot_be_dated_in_the_future(world: World) -> None:
    _answer_all(world)
    with pytest.raises(ValidationError):
        procedures.procedures_sign_off(
            actor=world.user("lead"),
            engagement=world.engagement,
            signed_by="x",
            signed_by_role="y",
            signed_on=timezone.localdate() + timedelta(days=2),
        )


def test_a_concern_changed_after_sign_off_is_marked(world: World, client_for: Any) -> None:
    _answer_all(world)
    procedures.procedures_sign_off(
        actor=world.user("lead"), engagement=world.engagement, signed_by="x", signed_by_role="y", signed_on=date.today()
    )
    procedures.procedure_answer_set(
        actor=world.user("lead"), engagement=world.engagement, concern="grievance", answer="Updated after a visit."
    )
    page = client_for("lead").get(_url("procedures", world)).content.decode()
    assert page.count("changed since sign-off") == 1


def test_a_procedure_document_is_uploaded_and_downloaded_as_an_attachment(world: World, client_for: Any) -> None:
    client = client_for("assessor")
    response = client.post(
        _url("procedure_edit", world, "confidentiality"),
        {"answer": "Non-retaliation protocol v2", "document": SimpleUploadedFile("protocol.pdf", PDF)},
    )
    assert response.status_code == 302
    answer = world.engagement.procedure_answers.get(concern="confidentiality")
    download = client_for("interviewer").get(_url("procedure_document", world, answer.pk))
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    client = client_for("assessor")
    refused = client.post(
        _url("procedure_edit", world, "confidentiality"),
        {"answer": "x", "document": SimpleUploadedFile("protocol.pdf", b"<html><script></script></html>")},
    )
    assert refused.status_code == 200 and refused.context["form"].errors["document"]
    assert client.get(_url("procedure_edit", world, "not-a-concern")).status_code == 404


# --- Introductory meeting and commitment ---------------------------------------------------------------


def test_the_introductory_meeting_and_commitment_are_recorded(world: World, client_for: Any) -> None:
    client = client_for("lead")
    response = client.post(
        _url("meeting_add", world),
        {
            "held_on": "2026-01-12",
            "attendees": "Test Seafood Co.; HR manager; Test Person One\nTest Workers' Union; representative",
            "agenda_points": ["purpose", "timeline", "association"],
            "decisions": "Assessment on 3-7 March; MoU to be signed.",
        },
    )
    assert response.status_code == 302
    meeting = IntroductoryMeeting.objects.get(engagement=world.engagement)
    assert meeting.attendees == [
        {"organisation": "Test Seafood Co.", "role": "HR manager", "name": "Test Person One"},
        {"organisation": "Test Workers' Union", "role": "representative", "name": ""},
    ]
    bad = client.post(_url("meeting_add", world), {"held_on": "2026-01-12", "attendees": "Only an organisation"})
    assert bad.status_code == 200 and "Line 1" in bad.content.decode()

    response = client.post(
        _url("commitment_add", world),
        {
            "kind": "mou",
            "parties": "Test Seafood Co. and the assessor",
            "signed_on": "2026-01-20",
            "document": SimpleUploadedFile("MoU signed.pdf", PDF),
        },
    )
    assert response.status_code == 302
    page = client_for("interviewer").get(_url("meetings", world)).content.decode()
    assert "Memorandum of understanding" in page and "Test Workers&#x27; Union" in page
    commitment = world.engagement.commitments.get()
    download = client_for("org_admin").get(_url("commitment_document", world, commitment.pk))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")


# --- Document request list ------------------------------------------------------------------------------


def test_the_guides_standard_request_list_is_added_once(world: World, client_for: Any) -> None:
    client = client_for("assessor")
    client.post(_url("document_requests_standard", world))
    count = DocumentRequest.objects.filter(engagement=world.engagement).count()
    assert count == len(business.STANDARD_REQUESTS)
    client.post(_url("document_requests_standard", world))
    assert DocumentRequest.objects.filter(engagement=world.engagement).count() == count
    categories = set(DocumentRequest.objects.values_list("category", flat=True))
    assert {"fee_disclosure", "recruiter_agreements", "outsourced_contracts", "accommodation"} <= categories


# --- The team --------------------------------------------------------------------------------------------


def test_a_nationality_without_an_interviewer_speaking_its_language_is_warned(world: World) -> None:
    _member(world, gender="woman", languages=["en", "th"])
    _member(world, name="Second Test Interviewer", gender="man", languages=["en"])
    assert any("Burmese" in m and "Myanmar" in m for m in _messages(world))

    _member(world, name="Third Test Interviewer", gender="man", languages=["my"])
    assert not any("Burmese" in m for m in _messages(world))

    corridor_add(actor=world.user("lead"), engagement=world.engagement, origin="KH", destination="TH")
    assert any("Khmer" in m and "Cambodia" in m for m in _messages(world))


def test_a_member_who_does_not_interview_workers_does_not_cover_a_language(world: World) -> None:
    _member(world, languages=["my"], interviews_workers=False)
    _member(world, name="Another Test Member", gender="man", languages=["en"])
    assert any("Burmese" in m for m in _messages(world))


def test_a_team_of_one_gender_is_warned(world: World) -> None:
    _member(world, gender="man", languages=["my"])
    _member(world, name="Second Test Interviewer", gender="man", languages=["my"])
    assert any("not gender-balanced" in m for m in _messages(world))
    _member(world, name="Third Test Interviewer", gender="woman", languages=["my"])
    assert not any("gender-balanced" in m for m in _messages(world))


def test_warnings_are_given_per_site(world: World) -> None:
    _member(world, gender="woman", languages=["my"], sites=["Factory A"])
    _member(world, name="Second Test Interviewer", gender="man", languages=["my"], sites=["Factory A"])
    _member(world, name="Third Test Interviewer", gender="man", languages=["en"], sites=["Dormitory B"])
    messages = _messages(world)
    assert any(m.startswith("At Dormitory B") and "Burmese" in m for m in messages)
    assert any(m.startswith("At Dormitory B") and "gender-balanced" in m for m in messages)
    assert not any(m.startswith("At Factory A") for m in messages)


def test_a_site_is_covered_by_members_who_work_at_every_site(world: World) -> None:
    _member(world, gender="woman", languages=["my"])  # no site: every site
    _member(world, name="Second Test Interviewer", gender="man", languages=["en"], sites=["Dormitory B"])
    assert not any("Burmese" in m or "gender" in m for m in _messages(world))


def test_missing_declarations_and_training_are_warned(world: World) -> None:
    member = _member(world, languages=["my"], conflict_status="not_yet")
    messages = _messages(world)
    assert any("declaration missing" in m for m in messages)
    assert any("Training not complete" in m for m in messages)
    team.training_record_set(
        actor=world.user("lead"), member=member, completed=dict.fromkeys(TrainingTopic.values, date(2026, 1, 5))
    )
    assert not any("Training not complete" in m for m in _messages(world))


def test_a_participant_joins_the_team_with_their_name_and_role(world: World, client_for: Any) -> None:
    participant = Participant.objects.get(engagement=world.engagement, user=world.user("interviewer"))
    client = client_for("lead")
    response = client.post(
        _url("team_member_add", world),
        {
            "participant": participant.pk,
            "interviews_workers": "on",
            "gender": "woman",
            "languages": ["my", "th"],
            "skills": ["migrant_work", "gender_gbv"],
            "conflict_status": "declared",
            "conflict_text": "Worked for a Yangon recruiter until 2019.",
        },
    )
    assert response.status_code == 302
    page = client.get(_url("team", world)).content.decode()
    assert "Interviewer" in page and "Burmese, Thai" in page and "Worked for a Yangon recruiter" in page
    assert AuditEntry.objects.filter(verb="team_member.added").exists()
    # A participant outside the assessment team roles cannot be picked.
    business_participant = Participant.objects.get(engagement=world.engagement, user=world.user("business"))
    with pytest.raises(ValidationError):
        team.team_member_add(
            actor=world.user("lead"), engagement=world.engagement, participant=business_participant, gender="man"
        )


def test_a_declared_conflict_needs_its_text(world: World) -> None:
    with pytest.raises(ValidationError) as error:
        _member(world, conflict_status="declared", conflict_text="")
    assert "conflict_text" in error.value.message_dict


def test_the_training_record_is_kept_and_audited(world: World, client_for: Any) -> None:
    member = _member(world)
    client = client_for("assessor")
    response = client.post(
        _url("team_member_training", world, member.pk), {"forced_labour": "2026-01-05", "tools": "2026-01-06"}
    )
    assert response.status_code == 302
    assert sorted(member.trainings.values_list("topic", flat=True)) == ["forced_labour", "tools"]
    assert AuditEntry.objects.get(verb="team_member.training_recorded").detail == {"topics": ["forced_labour", "tools"]}
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    refused = client.post(_url("team_member_training", world, member.pk), {"forced_labour": future})
    assert refused.status_code == 200 and member.trainings.count() == 2


def test_the_team_page_is_closed_to_the_interviewer_and_the_org_admin(world: World, client_for: Any) -> None:
    for persona in ("interviewer", "org_admin", "business", "workerrep"):
        assert client_for(persona).get(_url("team", world)).status_code == 403


# --- The letter ------------------------------------------------------------------------------------------


def test_the_letter_is_generated_per_language_with_the_engagements_details(world: World, client_for: Any) -> None:
    lead = world.user("lead")
    team.information_letter_save(
        actor=lead,
        engagement=world.engagement,
        workplace="Test Seafood Co., Samut Sakhon",
        commissioned_by="Test Buyer Ltd",
        follow_up_phone="1800 000 111",
        follow_up_hours="every day, 8:00-20:00",
        signatory_name="Lead Assessor",
        signatory_role="Lead assessor",
    )
    for country, name in [("TH", "Test Destination Helpline"), ("MM", "Test Origin Centre"), ("KH", "Test Khmer Desk")]:
        research.referral_service_create(
            actor=lead,
            engagement=world.engagement,
            country=country,
            kind="helpline",
            name=name,
            contact="000",
            due_diligence="trusted",
        )
    client = client_for("interviewer")
    english = client.get(_url("letter", world)).content.decode()
    assert "Taking part is your choice" in english and "1800 000 111" in english
    assert "Test Seafood Co., Samut Sakhon" in english and "Test Buyer Ltd" in english and "Organisation A" in english

    burmese = client.get(_url("letter", world) + "?lang=my").content.decode()
    assert 'lang="my"' in burmese and "လျှို့ဝှက်" in burmese and "1800 000 111" in burmese
    assert "Test Origin Centre" in burmese and "Test Destination Helpline" in burmese
    assert "Test Khmer Desk" not in burmese  # another origin's services are left out

    khmer = client.get(_url("letter", world) + "?lang=km").content.decode()
    assert 'lang="km"' in khmer and "សម្ងាត់" in khmer and "Test Khmer Desk" in khmer


def test_a_letter_detail_not_yet_known_prints_as_a_line_to_fill(world: World, client_for: Any) -> None:
    page = client_for("lead").get(_url("letter", world)).content.decode()
    assert "……………………" in page and "Not filled in yet" in page


# --- Phase tracker and query counts -------------------------------------------------------------------------


def test_every_phase_3_step_of_these_registers_links_to_its_page(world: World, client_for: Any) -> None:
    registered = {p.url_name for p in phase_pages.all_pages() if p.phase == 3}
    expected = {
        "preparation:desk_research",
        "preparation:referrals",
        "preparation:procedures",
        "preparation:meetings",
        "preparation:survey",
        "preparation:documents",
        "preparation:team",
        "preparation:letter",
    }
    assert expected <= registered
    page = client_for("lead").get(reverse("engagements:phase", args=[world.engagement.pk, 3])).content.decode()
    for name in expected:
        assert reverse(name, args=[world.engagement.pk]) in page
    for step in (
        "Carry out desk research",
        "Develop procedures",
        "Hold an introductory meeting",
        "Gather information to design the methodology",
        "Select, train and prepare the assessment team",
        "Inform migrant workers and their representatives",
    ):
        assert phase_pages.pages_by_step(3, frozenset(Capability))[step]
    # The interviewer sees the pages they may open, not the team page.
    interviewer = client_for("interviewer").get(reverse("engagements:phase", args=[world.engagement.pk, 3]))
    assert reverse("preparation:team", args=[world.engagement.pk]) not in interviewer.content.decode()
    assert reverse("preparation:letter", args=[world.engagement.pk]) in interviewer.content.decode()


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_team_page_does_not_grow_in_queries_with_members(world: World, client_for: Any) -> None:
    client = client_for("lead")
    url = _url("team", world)
    member = _member(world, languages=["my"])
    team.training_record_set(actor=world.user("lead"), member=member, completed={"tools": date(2026, 1, 2)})
    client.get(url)
    one = _count(client, url)
    for i in range(20):
        extra = _member(world, name=f"Extra Test Member {i}", gender="man", languages=["km"], sites=[f"Site {i % 3}"])
        team.training_record_set(actor=world.user("lead"), member=extra, completed={"tools": date(2026, 1, 2)})
    participant = Participant.objects.get(engagement=world.engagement, user=world.user("assessor"))
    _member(world, participant=participant)
    assert _count(client, url) == one


def test_the_registers_do_not_grow_in_queries_with_rows(world: World, client_for: Any) -> None:
    client = client_for("lead")
    lead = world.user("lead")
    urls = [_url(name, world) for name in ("desk_research", "referrals", "documents", "procedures", "meetings")]
    for url in urls:
        client.get(url)
    before = [_count(client, url) for url in urls]
    for i in range(15):
        research.legal_source_create(
            actor=lead, engagement=world.engagement, country="TH", topic="wages", title=f"Rule {i}", source="s"
        )
        research.referral_service_create(
            actor=lead, engagement=world.engagement, country="MM", kind="cso", name=f"Centre {i}", contact="0"
        )
        request = business.document_request_add(
            actor=lead, engagement=world.engagement, category="other", title=f"D{i}"
        )
        business.document_upload(
            actor=world.user("business"),
            engagement=world.engagement,
            upload=uploads.check_upload(SimpleUploadedFile(f"d{i}.pdf", PDF)),
            request=request,
        )
    _answer_all(world)
    assert [_count(client, url) for url in urls] == before
