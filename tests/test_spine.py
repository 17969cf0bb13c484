"""The spine's promises, checked on the code itself (ADR 0024): core names no feature app,
only the record's services write the record, and every app plugs in through the registry."""

import ast
from pathlib import Path

from django.apps import apps

from coproduce.core.capabilities import Capability, CapabilityConfig, capabilities

SOURCE = Path(__file__).resolve().parent.parent / "src" / "coproduce"
FEATURE_APPS = sorted(
    config.name for config in apps.get_app_configs() if isinstance(config, CapabilityConfig)
)
RECORD_MODELS = {"Contribution", "Decision", "DecisionParticipant", "ContributionVerification"}


def _modules(under: Path) -> list[Path]:
    return [
        path
        for path in sorted(under.rglob("*.py"))
        if "migrations" not in path.parts and "tests" not in path.parts
    ]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_every_coproduce_app_but_core_is_a_capability() -> None:
    ours = [c for c in apps.get_app_configs() if c.name.startswith("coproduce.")]
    assert [c.name for c in ours if not isinstance(c, CapabilityConfig)] == ["coproduce.core"]
    assert all(isinstance(c, Capability) for c in capabilities())
    assert len(capabilities()) == len(ours) - 1


def test_core_imports_no_feature_app() -> None:
    found = {
        f"{path.relative_to(SOURCE)} imports {name}"
        for path in _modules(SOURCE / "core")
        for name in _imports(path)
        if any(name == app or name.startswith(app + ".") for app in FEATURE_APPS)
    }
    assert found == set()


def test_only_the_records_services_write_the_record() -> None:
    """No ``Contribution(...)``, ``Decision.objects.create(...)`` or the like outside
    ``record/services.py``: every other app goes through the door."""
    writes = set()
    for path in _modules(SOURCE):
        if path == SOURCE / "record" / "services.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            called = node.func
            if isinstance(called, ast.Name) and called.id in RECORD_MODELS:
                writes.add(f"{path.relative_to(SOURCE)}:{node.lineno} builds {called.id}")
            if (
                isinstance(called, ast.Attribute)
                and called.attr in {"create", "bulk_create", "update", "get_or_create"}
                and isinstance(called.value, ast.Attribute)
                and called.value.attr == "objects"
                and isinstance(called.value.value, ast.Name)
                and called.value.value.id in RECORD_MODELS
            ):
                writes.add(
                    f"{path.relative_to(SOURCE)}:{node.lineno} writes {called.value.value.id}"
                )
    assert writes == set()
