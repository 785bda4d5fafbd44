from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    name = "interviews.fieldwork"
    label = "fieldwork"
