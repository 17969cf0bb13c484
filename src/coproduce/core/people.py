"""One answer for a person a field may not name, whether or not they exist.

A form or API field that names a person by username in an initiative (a gift's recipient, a
board seat, a concern's professional) answers alike for a username no one has and for a
person who is not one the field may name there: a different answer, or one showing their
display name, would tell anyone who exists and who belongs where (forbidden and missing
look alike, as ``core.gate`` answers for objects)."""

from typing import Any

from coproduce.core.api import UsernameField, username_field

NO_SUCH_MEMBER = "No member of this initiative has that username."


def person_field(message: str = NO_SUCH_MEMBER, **kwargs: Any) -> UsernameField:
    """A person named by username, whose answer for an unknown username is ``message``:
    the answer the service gives for someone the field may not name."""
    return username_field(error_messages={"does_not_exist": message}, **kwargs)
