from django.urls import path

from reminders import views

app_name = "reminders"

E = "engagements/<uuid:engagement_id>"
N = "notifications/<uuid:notification_id>"

urlpatterns = [
    path(f"{E}/reminders/", views.rules, name="rules"),
    path(f"{E}/reminders/new/", views.rule_add, name="rule_add"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path(f"{N}/open/", views.notification_open, name="notification_open"),
    path(f"{N}/read/", views.notification_read, name="notification_read"),
]
