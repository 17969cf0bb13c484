"""The one gate through which every view and API endpoint reaches an object.

It answers "not found" alike for an object that does not exist and for one the person may
not see, so that ids cannot be probed. Actions on an object the person can see but may not
change are refused with PermissionDenied (403).
"""

from typing import Any, TypeVar

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
    if not user.has_perm(perm, obj):
        raise Http404("Not found.")
    return obj


def require(user: Any, perm: str, obj: Model | None = None) -> None:
    """Refuse (403) unless ``user`` has ``perm`` on ``obj``."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied("You do not have permission to do that.")
