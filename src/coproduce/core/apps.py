from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "coproduce.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.urls import register_converter

        from coproduce.core import append_only, schema  # noqa: F401  (schema: registers)
        from coproduce.core.converters import IdConverter

        register_converter(IdConverter, "id")  # every page address's ids: <id:pk>

        post_migrate.connect(append_only.install_all, sender=self, dispatch_uid="append_only")
