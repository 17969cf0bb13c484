from django.apps import AppConfig


class ComanagementConfig(AppConfig):
    name = "coproduce.comanagement"
    label = "comanagement"
    verbose_name = "Co-management"
