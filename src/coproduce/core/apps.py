from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coproduce.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from coproduce.core import schema  # noqa: F401  (registers the schema extension)
