"""The one gate through which every view and API endpoint reaches an object.

Permissions are the rules in each app's ``rules.py`` and nothing else: Django's superuser
shortcut does not apply here, so staff powers are exactly what the rules give them.

It answers "not found" alike for an object that does not exist and for one the person may
not see, so that ids cannot be probed. Actions on an object the person can see but may not
change are refused with PermissionDenied (403).
"""

from typing import Any, TypeVar

import rules
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def get_object(user: Any, queryset: QuerySet[M], perm: str, **lookup: Any) -> M:
    """Return the object matching ``lookup`` if ``user`` has ``perm`` on it, else 404."""
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("Not found.") from None
    return found(user, obj, perm)


def found(user: Any, obj: M | None, perm: str) -> M:
    """The object a selector found, if there is one and ``user`` has ``perm`` on it, else
    404, as ``get_object`` answers: for reads a selector writes in SQL (ADR 0017)."""
    if obj is None or not allows(user, perm, obj):
        raise Http404("Not found.")
    return obj


def allows(user: Any, perm: str, obj: Model | None = None) -> bool:
    """Whether the rules let ``user`` do ``perm`` (to ``obj``)."""
    return bool(rules.has_perm(perm, user, obj))


def require(user: Any, perm: str, obj: Model | None = None) -> None:
    """Refuse (403) unless ``user`` has ``perm`` on ``obj``."""
    if not allows(user, perm, obj):
        raise PermissionDenied("You do not have permission to do that.")
