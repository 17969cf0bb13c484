"""The spine's promises, checked on the code itself (ADR 0024): core names no feature app,
only the record's services write the record, and every app plugs in through the registry."""

import ast
from pathlib import Path

from django.apps import apps

from coproduce.core.capabilities import Capability, CapabilityConfig, capabilities, writes
from coproduce.core.vocabulary import ContributionKind, StageKind
from coproduce.portal.demo import load_demo
from coproduce.record.models import Contribution, Decision

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


def test_every_declared_write_names_a_model_an_entry_and_stages_that_exist() -> None:
    declared = writes()
    assert len(declared) >= 8
    for write in declared:
        assert apps.get_model(write.source) is not None
        assert write.entry in {"contribution", "decision"}
        assert set(write.stages) <= set(StageKind.values)
        assert set(write.kinds) <= set(ContributionKind.values)
        assert write.entry == "contribution" or write.kinds == ()


def test_every_source_in_the_demos_record_is_declared_by_its_capability(db: None) -> None:
    """The demo writes through every capability's door: each entry's source model is one a
    capability declared for that kind of entry."""
    load_demo()
    declared = {(w.entry, w.source.lower()) for w in writes()}
    found = {
        (entry, f"{app}.{model}")
        for entry, rows in (
            ("contribution", Contribution.objects.filter(source_type__isnull=False)),
            ("decision", Decision.objects.filter(source_type__isnull=False)),
        )
        for app, model in rows.values_list("source_type__app_label", "source_type__model")
    }
    assert len(found) >= 3
    assert found - declared == set()
