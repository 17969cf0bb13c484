"""The capability registry: each app's ``AppConfig`` declares what it adds to the platform.

A capability (participatory budgeting, volunteering, co-assessment, …) is one app. Its
``apps.py`` subclasses ``CapabilityConfig`` and sets ``capability = Capability(...)``:
its pages and API routes, its panel on the initiative page and its entry in the site's
navigation, the stages it works in, its demo data, its route expectations for the
permission grid and what it writes to the record. The URL configuration, the initiative
page, the navigation, the demo loader, the append-only triggers and the route grid read
this registry; none of them names a feature app. Adding a capability is creating its
folder and listing it in ``INSTALLED_APPS`` (ADR 0024).

Everything is named by dotted path and imported when first used, so declaring a
capability imports nothing at start-up.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import AppConfig, apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Panel:
    """A section of the initiative page. ``context`` names a function
    ``(request, initiative) -> dict | None``: None leaves the panel out for this person."""

    template: str
    context: str
    order: int = 100


@dataclass(frozen=True)
class Discovery:
    """What a capability shows on the home page as live now. ``items`` names a function
    ``(initiatives.discovery.Scope) -> list[LiveItem]`` reading a bounded number of rows
    in a fixed number of queries; ``initiatives_now``, if any, a function ``(now) ->
    QuerySet`` of the ids of initiatives with something of this capability to take part
    in now (the initiatives list's filter)."""

    items: str
    initiatives_now: str | None = None


@dataclass(frozen=True)
class NavEntry:
    """A link in the site's main navigation, to a page that takes no arguments; the label
    is marked for translation (``gettext_lazy``), read in the language of each request."""

    label: str | Promise
    url_name: str
    order: int = 100

    @property
    def namespace(self) -> str:
        """The URL namespace whose pages this entry marks as the current one."""
        return self.url_name.partition(":")[0]


@dataclass(frozen=True)
class Routes:
    """Where the capability's pages and API live, named within the app (``"urls"`` is the
    app's ``urls`` module, ``"BoardViewSet"`` its ``api.BoardViewSet``).

    ``pages`` is ``(prefix, urls module)`` pairs included under the site root; ``api``
    names the viewsets: ``(prefix, viewset, basename)``, top-level under ``/api/v1/`` or
    nested under ``/api/v1/initiatives/{slug}/``, registered in the order given (a longer
    prefix before a shorter one it starts with); ``api_views``, plain API views."""

    pages: tuple[tuple[str, str], ...] = ()
    api_views: tuple[tuple[str, str, str], ...] = ()  # (path, APIView, URL name)
    api: tuple[tuple[str, str, str], ...] = ()
    api_nested: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Writes:
    """What a capability writes to the record, for the diagnostics to trace an entry back:
    the model of the entries' source, the stages (empty: the stage the initiative is in),
    and the kinds of contribution (empty for decisions)."""

    source: str  # "app_label.ModelName"
    entry: str  # "contribution" or "decision"
    stages: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    summary: str = ""
    # Contributions listed one by one to their contributor alone, as votes are: everyone
    # else sees them only in the totals (a citizen inspector's time names who inspected).
    listed_to_contributor_only: bool = False


@dataclass(frozen=True)
class Personal:
    """What a capability adds to a person's own page (My Coproduce): functions, by dotted
    path, ``(person) -> list[core.personal.Item]`` for what is theirs and
    ``(person) -> list[core.personal.Task]`` for what waits for their decision (ADR 0047)."""

    items: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Capability:
    """What one app adds. Every field but the title is optional."""

    title: str
    stages: tuple[str, ...] = ()
    routes: Routes = Routes()
    panel: Panel | None = None
    # A section of the initiative's public accountability page (what came in and went out,
    # who decided, what it achieved): published facts only, for anyone who may view it.
    accountability: Panel | None = None
    nav: NavEntry | None = None
    # What is live now, for the home page and the initiatives list (ADR 0045).
    discovery: Discovery | None = None
    # A function ``(demo) -> None`` adding this capability's demo data, in ``demo_order``
    # (lower first; the people and initiatives come before what happens in them).
    demo: str | None = None
    demo_order: int = 100
    # A module with ``EXPECTED`` (route name -> [(method, payload, answer by role)]) and
    # ``targets(world) -> dict`` (the objects its routes' placeholders name).
    route_expectations: str | None = None
    writes: tuple[Writes, ...] = ()
    # Tables made append-only beyond this app's ``AppendOnlyModel`` subclasses.
    append_only_tables: tuple[str, ...] = ()
    personal: Personal = Personal()
    extras: dict[str, Any] = field(default_factory=dict)


class CapabilityConfig(AppConfig):
    """The ``AppConfig`` of an app that plugs into the platform."""

    capability: Capability
    # Django takes the one config an ``apps.py`` defines, not counting those marked
    # ``default = False``: this base, imported there, must not count; each subclass does.
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = True


def registered() -> Iterator[tuple[AppConfig, Capability]]:
    """Each installed capability with its app, in ``INSTALLED_APPS`` order."""
    for config in apps.get_app_configs():
        capability = getattr(config, "capability", None)
        if isinstance(capability, Capability):
            yield config, capability


def page_routes() -> list[tuple[str, str]]:
    """Every capability's ``(prefix, urls module)``, in ``INSTALLED_APPS`` order."""
    return [
        (prefix, f"{config.name}.{module}")
        for config, capability in registered()
        for prefix, module in capability.routes.pages
    ]


def api_routes(nested: bool) -> list[tuple[str, Any, str]]:
    """Every capability's ``(prefix, viewset, basename)``, top-level or nested."""
    return [
        (prefix, load(f"{config.name}.api.{viewset}"), basename)
        for config, capability in registered()
        for prefix, viewset, basename in (
            capability.routes.api_nested if nested else capability.routes.api
        )
    ]


def api_views() -> list[tuple[str, Any, str]]:
    return [
        (route, load(f"{config.name}.api.{view}"), name)
        for config, capability in registered()
        for route, view, name in capability.routes.api_views
    ]


def capabilities() -> list[Capability]:
    return [capability for _, capability in registered()]


@cache
def load(dotted: str) -> Any:
    """The object a capability names by dotted path, imported once."""
    return import_string(dotted)


def _sections(attribute: str) -> list[tuple[Panel, Callable[..., dict[str, Any] | None]]]:
    found = [getattr(c, attribute) for c in capabilities() if getattr(c, attribute) is not None]
    return [(panel, load(panel.context)) for panel in sorted(found, key=lambda p: p.order)]


def panels() -> list[tuple[Panel, Callable[..., dict[str, Any] | None]]]:
    """The initiative page's panels, in order, each with its context function."""
    return _sections("panel")


def accountability_sections() -> list[tuple[Panel, Callable[..., dict[str, Any] | None]]]:
    """The accountability page's sections, in order, each with its context function."""
    return _sections("accountability")


def navigation() -> list[NavEntry]:
    return sorted((c.nav for c in capabilities() if c.nav is not None), key=lambda n: n.order)


def discovery_items() -> list[Callable[..., Any]]:
    """Each capability's function listing what is live now (``Discovery.items``)."""
    return [load(c.discovery.items) for c in capabilities() if c.discovery is not None]


def initiatives_now() -> list[Callable[..., Any]]:
    """Each capability's function naming the initiatives with something to take part in
    now (``Discovery.initiatives_now``)."""
    return [
        load(c.discovery.initiatives_now)
        for c in capabilities()
        if c.discovery is not None and c.discovery.initiatives_now
    ]


def demo_loaders() -> list[Callable[[Any], None]]:
    ordered = sorted((c for c in capabilities() if c.demo is not None), key=lambda c: c.demo_order)
    return [load(c.demo) for c in ordered if c.demo is not None]


def personal_sources() -> tuple[list[Callable[..., Any]], list[Callable[..., Any]]]:
    """Every capability's functions for a person's own page: what is theirs, and their tasks."""
    found = capabilities()
    items = [load(path) for c in found for path in c.personal.items]
    tasks = [load(path) for c in found for path in c.personal.tasks]
    return items, tasks


def route_expectations() -> list[Any]:
    """The modules that hold each capability's expectations for the permission grid."""
    return [import_module(c.route_expectations) for c in capabilities() if c.route_expectations]


def append_only_tables() -> tuple[str, ...]:
    """Every append-only table: every ``AppendOnlyModel`` subclass's and any table a
    capability names besides, for the triggers and for whatever must handle them all."""
    from coproduce.core.models import AppendOnlyModel  # models load after the app configs

    tables = [m._meta.db_table for m in apps.get_models() if issubclass(m, AppendOnlyModel)]
    tables.extend(t for capability in capabilities() for t in capability.append_only_tables)
    return tuple(dict.fromkeys(tables))


def writes() -> list[Writes]:
    return [w for c in capabilities() for w in c.writes]


def unlisted_sources() -> list[str]:
    """The sources ("app_label.ModelName") whose contributions are listed to their
    contributor alone."""
    return [w.source for w in writes() if w.listed_to_contributor_only]
