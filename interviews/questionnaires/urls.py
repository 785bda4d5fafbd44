from django.urls import path

from interviews.questionnaires import views

app_name = "questionnaires"

Q = "<uuid:engagement_id>/questionnaires"
V = f"{Q}/versions/<uuid:version_id>"
QU = f"{V}/questions/<uuid:question_id>"

urlpatterns = [
    path(f"{Q}/", views.questionnaire_list, name="list"),
    path(f"{Q}/templates/<uuid:template_id>/", views.template_detail, name="template"),
    path(f"{Q}/templates/<uuid:template_id>/copy/", views.template_copy, name="copy"),
    path(f"{V}/", views.version_detail, name="version"),
    path(f"{V}/new-draft/", views.version_new_draft, name="new_draft"),
    path(f"{V}/publish/", views.version_publish, name="publish"),
    path(f"{V}/questions/new/", views.question_add, name="question_add"),
    path(f"{QU}/", views.question_edit, name="question_edit"),
    path(f"{QU}/delete/", views.question_delete, name="question_delete"),
    path(f"{QU}/move/", views.question_move, name="question_move"),
    path(f"{QU}/translations/<str:language>/", views.translation_edit, name="translation_edit"),
]
