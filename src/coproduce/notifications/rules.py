"""Every permission decision about notifications: each is its recipient's alone; no one
else, staff included, reads or marks it."""

from typing import Any

import rules


@rules.predicate
def is_recipient(user: Any, notification: Any) -> bool:
    return (
        notification is not None and user.is_authenticated and notification.recipient_id == user.pk
    )


rules.add_perm("notifications.have", rules.is_authenticated)
rules.add_perm("notifications.view", is_recipient)
