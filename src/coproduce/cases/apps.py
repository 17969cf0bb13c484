from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "coproduce.cases"
    label = "cases"
