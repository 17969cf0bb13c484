"""The header's link to a signed-in person's notifications, with how many are unread."""

from typing import Any

from django import template

from coproduce.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/header_link.html", takes_context=True)
def notifications_link(context: Any) -> dict[str, Any]:
    user = context.get("user")
    unread = unread_count(user) if user is not None and user.is_authenticated else 0
    return {"unread": unread}
