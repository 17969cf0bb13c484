"""The app's place in the platform: what it adds, for the registry (core.capabilities)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Routes


class NotificationsConfig(CapabilityConfig):
    name = "coproduce.notifications"
    label = "notifications"
    verbose_name = "Notifications"
    capability = Capability(
        title="Notifications",
        routes=Routes(
            pages=(("notifications/", "urls"),),
            api=(("notifications", "NotificationViewSet", "notification"),),
        ),
        route_expectations="coproduce.notifications.tests.routes",
    )
