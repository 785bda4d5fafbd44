from django.urls import path

from interviews.preparation.views import business, letter, meetings, procedures, research, team

app_name = "preparation"

P = "<uuid:engagement_id>/preparation"

urlpatterns = [
    # Step 1: desk research and the referral directory.
    path(f"{P}/desk-research/", research.desk_research, name="desk_research"),
    path(f"{P}/desk-research/new/", research.desk_research_add, name="desk_research_add"),
    path(f"{P}/desk-research/<uuid:source_id>/", research.desk_research_edit, name="desk_research_edit"),
    path(f"{P}/desk-research/<uuid:source_id>/remove/", research.desk_research_delete, name="desk_research_delete"),
    path(f"{P}/referrals/", research.referrals, name="referrals"),
    path(f"{P}/referrals/show/", research.referral_show, name="referral_show"),
    path(f"{P}/referrals/new/", research.referral_add, name="referral_add"),
    path(f"{P}/referrals/<uuid:service_id>/", research.referral_edit, name="referral_edit"),
    path(f"{P}/referrals/<uuid:service_id>/remove/", research.referral_delete, name="referral_delete"),
    # Step 2: procedures and sign-off.
    path(f"{P}/procedures/", procedures.procedures_checklist, name="procedures"),
    path(f"{P}/procedures/sign-off/", procedures.procedures_sign_off, name="procedures_sign_off"),
    path(f"{P}/procedures/<slug:concern>/", procedures.procedure_edit, name="procedure_edit"),
    path(f"{P}/procedures/documents/<uuid:answer_id>/", procedures.procedure_document, name="procedure_document"),
    # Step 3: introductory meeting and commitment.
    path(f"{P}/meeting/", meetings.meeting_list, name="meetings"),
    path(f"{P}/meeting/new/", meetings.meeting_add, name="meeting_add"),
    path(f"{P}/meeting/<uuid:meeting_id>/", meetings.meeting_edit, name="meeting_edit"),
    path(f"{P}/meeting/<uuid:meeting_id>/remove/", meetings.meeting_delete, name="meeting_delete"),
    path(f"{P}/commitment/new/", meetings.commitment_add, name="commitment_add"),
    path(f"{P}/commitment/<uuid:commitment_id>/file/", meetings.commitment_document, name="commitment_document"),
    path(f"{P}/commitment/<uuid:commitment_id>/remove/", meetings.commitment_delete, name="commitment_delete"),
    # Step 4: the business's survey and documents.
    path(f"{P}/survey/", business.survey, name="survey"),
    path(f"{P}/survey/answer/", business.survey_answer, name="survey_answer"),
    path(f"{P}/documents/", business.documents, name="documents"),
    path(f"{P}/documents/upload/", business.document_upload, name="document_upload"),
    path(f"{P}/documents/<uuid:document_id>/file/", business.document_download, name="document_download"),
    path(f"{P}/documents/<uuid:document_id>/remove/", business.document_delete, name="document_delete"),
    path(f"{P}/documents/requests/", business.document_request_add, name="document_request_add"),
    path(f"{P}/documents/requests/standard/", business.document_requests_standard, name="document_requests_standard"),
    path(
        f"{P}/documents/requests/<uuid:request_id>/remove/",
        business.document_request_delete,
        name="document_request_delete",
    ),
    # Step 6: the team.
    path(f"{P}/team/", team.team_list, name="team"),
    path(f"{P}/team/new/", team.team_member_add, name="team_member_add"),
    path(f"{P}/team/<uuid:member_id>/", team.team_member_edit, name="team_member_edit"),
    path(f"{P}/team/<uuid:member_id>/training/", team.team_member_training, name="team_member_training"),
    path(f"{P}/team/<uuid:member_id>/remove/", team.team_member_delete, name="team_member_delete"),
    # Step 7: the letter to workers.
    path(f"{P}/letter/", letter.letter, name="letter"),
    path(f"{P}/letter/details/", letter.letter_settings, name="letter_settings"),
]
