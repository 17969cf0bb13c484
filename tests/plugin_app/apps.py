"""A capability that exists only to prove the platform's promise: a new capability is its
folder plus a line in INSTALLED_APPS (see tests/test_plugin_capability.py)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, NavEntry, Panel, Routes
from coproduce.core.vocabulary import StageKind


class PluginConfig(CapabilityConfig):
    name = "tests.plugin_app"
    label = "plugin_app"
    capability = Capability(
        title="Field notes",
        stages=(StageKind.CO_ASSESSMENT,),
        routes=Routes(pages=(("field-notes/", "urls"),)),
        panel=Panel(
            template="plugin_app/panel.html", context="tests.plugin_app.panels.context", order=95
        ),
        nav=NavEntry("Field notes", "plugin_app:notes", order=95),
        demo="tests.plugin_app.demo.load",
        demo_order=999,
        route_expectations="tests.plugin_app.routes",
    )
