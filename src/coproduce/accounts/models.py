"""People: one account each, whatever side they act on in an initiative."""

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.names import name_key


class User(AbstractUser):
    """A person. Their side and role are per initiative (see Membership), not global."""

    display_name = models.CharField(max_length=100, blank=True)
    # the name shown (display name, else username) as a reader would take it
    # (``accounts.names.name_key``): no two people are shown by names alike
    name_key = models.CharField(max_length=150, db_index=True, editable=False, default="")
    locality = models.CharField(max_length=100, blank=True)
    bio = models.TextField(max_length=1000, blank=True)
    skills = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Things you can do, comma-separated (for suggestions)."),
    )
    availability = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "When you are free: mornings, afternoons, evenings, weekdays, weekends, or days."
        ),
    )
    birth_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_(
            "Only used to check that you may vote where there is a minimum age; "
            "no one else sees it."
        ),
    )

    # The language they last chose with the switcher (a code of settings.LANGUAGES), for
    # what reaches them outside a page: e-mails written by the background worker.
    language = models.CharField(max_length=8, blank=True, default="")

    def __str__(self) -> str:
        return self.display_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep ``name_key`` the key of the name shown, however the account is saved."""
        self.name_key = name_key(self.display_name or self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"display_name", "username"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    @property
    def shown_name(self) -> str:
        return str(self)
