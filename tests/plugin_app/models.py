from django.db import models

from coproduce.core.models import AppendOnlyModel
from coproduce.initiatives.models import Initiative


class FieldNote(AppendOnlyModel):
    """A note kept about an initiative, never changed once written."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=200)
