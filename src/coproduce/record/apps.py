from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "coproduce.record"
    label = "record"
