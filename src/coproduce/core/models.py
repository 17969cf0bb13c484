"""Models every capability shares."""

from typing import Any, NoReturn

from django.db import models


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
