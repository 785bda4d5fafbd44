from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "actionplans"
