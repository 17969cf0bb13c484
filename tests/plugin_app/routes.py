from conftest import World
from tests.grid import Expectation, Targets, for_all

EXPECTED: dict[str, list[Expectation]] = {"plugin_app:notes": [("get", None, for_all(200))]}


def targets(world: World) -> Targets:
    return {}
