"""The search index: one row per thing a person can find, kept by the write services of
the apps that own them (``services.document_refresh``), never by signals.

The full-text part lives beside the table and differs by database (ADR 0046): on SQLite an
FTS5 virtual table ``search_fts`` kept in step with this table by triggers; on PostgreSQL a
generated ``search_vector`` column (``simple`` configuration, title weighted above body)
with a GIN index. Both are created by this app's migrations."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.initiatives.models import Initiative


class Kind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiatives")
    PROPOSAL = "proposal", _("Budget proposals")
    IDEA = "idea", _("Ideas")
    OPPORTUNITY = "opportunity", _("Volunteering opportunities")
    CASE = "case", _("Case library")
    ORGANISATION = "organisation", _("Organisations")


class SearchDocument(models.Model):
    """What search reads of one object. Who may find it is decided when searching, from the
    initiative's visibility as it is then, so that a change of visibility needs no
    re-indexing; ``listed`` is false for what its own app shows to nobody in lists (a
    hidden idea)."""

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField()
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    listed = models.BooleanField(default=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_one_per_object"),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="search_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class IndexEdition(models.Model):
    """A single row whose number goes up in the transaction of every change to the index
    (``services``), so that a search's page kept for signed-out visitors is served only
    while the index is as it was when the page was read (ADR 0055). The row's lock puts
    the changes in the order they commit."""

    ONLY = 1

    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"index edition {self.number}"


class KeptPage(models.Model):
    """A signed-out visitor's search page, kept under the index's edition it was read at
    and served while that edition is current (ADR 0055). ``key`` is the language and a
    hash of the address; ``expires`` is in seconds since the epoch."""

    key = models.CharField(max_length=100, primary_key=True)
    edition = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()
    expires = models.FloatField()

    def __str__(self) -> str:
        return self.key
