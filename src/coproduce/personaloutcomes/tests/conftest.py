import pytest

from conftest import World
from coproduce.personaloutcomes.tests.people import Setup, set_up


@pytest.fixture
def setup_world(world: World) -> Setup:
    return set_up(world)
