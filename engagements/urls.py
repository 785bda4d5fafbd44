from django.urls import path

from audit.views import engagement_log
from engagements.views import engagement, participants, tracker

app_name = "engagements"

E = "<uuid:engagement_id>"

urlpatterns = [
    path("", engagement.dashboard, name="dashboard"),
    path(f"{E}/", engagement.engagement_detail, name="detail"),
    path(f"{E}/edit/", engagement.engagement_edit, name="edit"),
    path(f"{E}/corridors/", engagement.corridor_create, name="corridor_add"),
    path(f"{E}/corridors/<uuid:corridor_id>/remove/", engagement.corridor_delete, name="corridor_remove"),
    path(f"{E}/people/", participants.participants, name="participants"),
    path(f"{E}/people/<uuid:participant_id>/role/", participants.participant_role, name="participant_role"),
    path(f"{E}/people/<uuid:participant_id>/remove/", participants.participant_delete, name="participant_remove"),
    path(f"{E}/invitations/<uuid:invitation_id>/withdraw/", participants.invitation_delete, name="invitation_revoke"),
    path(f"{E}/phases/<int:number>/", tracker.phase_detail, name="phase"),
    path(f"{E}/phases/<int:number>/items/", tracker.item_create, name="item_add"),
    path(f"{E}/phases/<int:number>/close/", tracker.phase_close, name="phase_close"),
    path(f"{E}/phases/<int:number>/reopen/", tracker.phase_reopen, name="phase_reopen"),
    path(f"{E}/items/<uuid:item_id>/status/", tracker.item_set_status, name="item_status"),
    path(f"{E}/items/<uuid:item_id>/edit/", tracker.item_edit, name="item_edit"),
    path(f"{E}/audit/", engagement_log, name="audit_log"),
]
