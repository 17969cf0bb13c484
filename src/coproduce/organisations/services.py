"""Writes for organisations."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core import gate
from coproduce.organisations.models import Organisation
from coproduce.search.services import document_refresh


@transaction.atomic
def organisation_create(
    *, actor: Any, name: str, kind: str, locality: str = "", website: str = ""
) -> Organisation:
    """Register an organisation; anyone signed in may, so groups can list themselves."""
    gate.require(actor, "organisations.add_organisation")
    if Organisation.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("An organisation with that name is already registered.")})
    organisation = Organisation(name=name, kind=kind, locality=locality, website=website)
    organisation.full_clean()
    organisation.save()
    document_refresh(organisation)
    return organisation


def organisation_get_or_create(*, name: str, kind: str, locality: str = "") -> Organisation:
    """Used by the demo loader, which acts as the system rather than a person."""
    organisation, created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "locality": locality}
    )
    if created:
        document_refresh(organisation)
    return organisation
