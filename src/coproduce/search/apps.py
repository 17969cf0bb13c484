"""The app's place in the platform: what it adds, for the registry (core.capabilities).

Search serves no stage and writes nothing to the record: it is a capability only for its
page and API routes and their place in the permission grid (ADR 0046)."""

from coproduce.core.capabilities import Capability, CapabilityConfig, Routes


class SearchConfig(CapabilityConfig):
    name = "coproduce.search"
    label = "search"
    verbose_name = "Search"
    capability = Capability(
        title="Search",
        routes=Routes(
            pages=(("search/", "urls"),),
            api_views=(("search/", "SearchView", "search"),),
        ),
        route_expectations="coproduce.search.tests.routes",
    )
