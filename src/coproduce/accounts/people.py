"""One answer for a person a field may not name, whether or not they exist.

A form or API field that names a person by username in an initiative (a gift's recipient, a
board seat, a concern's professional) answers alike for a username no one has and for a
person who is not one the field may name there: a different answer, or one showing their
display name, would tell anyone who exists and who belongs where (forbidden and missing
look alike, as ``core.gate`` answers for objects)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.selectors import user_by_username
from coproduce.core.api import TextKeyField
from coproduce.core.queries import shown_text, storable_text


class UsernameField(TextKeyField):
    """A person, named by their username, found by ``accounts.selectors.user_by_username``
    (one statement in SQL: a gift names its recipient on every request). Every API field
    that names a person is one (``initiatives.api.MemberField`` too), so a name no database
    can hold is "no such person" here, once, for all of them."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("invalid")
        username = str(data)
        user = self.find(username) if storable_text(username) else None
        if user is None:
            self.fail("does_not_exist", slug_name="username", value=shown_text(username))
        return user

    def find(self, username: str) -> Any | None:
        return user_by_username(username)


def username_field(**kwargs: Any) -> UsernameField:
    """A person, named by their username."""
    return UsernameField(slug_field="username", queryset=get_user_model().objects.all(), **kwargs)


NO_SUCH_MEMBER = _("No member of this initiative has that username.")


def person_field(message: "str | Promise" = NO_SUCH_MEMBER, **kwargs: Any) -> UsernameField:
    """A person named by username, whose answer for an unknown username is ``message``:
    the answer the service gives for someone the field may not name."""
    return username_field(error_messages={"does_not_exist": message}, **kwargs)
