"""Models every capability shares."""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyModel(models.Model):
    """A row that, once written, is never changed or removed. Every concrete subclass in a
    capability's app also gets database triggers that refuse UPDATE and DELETE
    (``core.append_only``, from the registry), so the rule holds whatever code runs."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError(f"{type(self).__name__} entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError(f"{type(self).__name__} entries are append-only.")


class PhaseLog(AppendOnlyModel):
    """The audit log of a phased object (core.phases): the counts as each phase closed, and
    who closed it. Totals only: nothing here names what anyone chose."""

    target_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField()
    phase = models.CharField(max_length=30, help_text=_("The phase closed."))
    closed_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["closed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "phase"], name="phase_closed_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phase} closed by {self.closed_by}"
