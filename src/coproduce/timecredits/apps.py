from django.apps import AppConfig


class TimecreditsConfig(AppConfig):
    name = "coproduce.timecredits"
    label = "timecredits"
    verbose_name = "Time credits"
