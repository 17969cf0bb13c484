"""The platform's settings with the test capability installed: its one line."""

from coproduce.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app"]  # noqa: F405
