from django.urls import path

from findings.views import closing, discussion, findings, meetings, sources

app_name = "findings"

E = "<uuid:engagement_id>"
F = f"{E}/findings/<uuid:finding_id>"

urlpatterns = [
    # Phase 4 step 6: the preliminary findings meeting.
    path(f"{E}/findings-meeting/", meetings.meeting, name="meeting"),
    path(f"{E}/findings-meeting/<slug:kind>/", meetings.session, name="session"),
    path(f"{E}/findings-meeting/<slug:kind>/record/", meetings.session_edit, name="session_edit"),
    # Phase 5: findings, their sources and discussion, feedback on the report, the closing meeting.
    path(f"{E}/findings/", findings.findings_list, name="list"),
    path(f"{E}/findings/new/", findings.finding_new, name="new"),
    path(f"{F}/", findings.finding_detail, name="detail"),
    path(f"{F}/edit/", findings.finding_edit, name="edit"),
    path(f"{F}/delete/", findings.finding_remove, name="delete"),
    path(f"{F}/release/", findings.finding_publish, name="release"),
    path(f"{F}/sources/", sources.finding_sources, name="sources"),
    path(f"{F}/sources/<uuid:source_id>/remove/", sources.source_delete, name="source_remove"),
    path(f"{F}/comment/", discussion.finding_comment, name="comment"),
    path(f"{F}/position/", discussion.finding_position, name="position"),
    path(f"{E}/report-feedback/", closing.feedback, name="feedback"),
    path(f"{E}/closing-meeting/", closing.closing, name="closing"),
    path(f"{E}/closing-meeting/record/", closing.closing_edit, name="closing_edit"),
]
