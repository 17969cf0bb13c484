"""Reads for a person's own page: what each capability declares as theirs and as waiting
for their decision (Capability.personal, ADR 0047). Each source is one bounded query."""

from dataclasses import dataclass
from typing import Any

from coproduce.core.capabilities import personal_sources
from coproduce.core.personal import Item, Section, Task


@dataclass(frozen=True)
class MySection:
    key: str
    heading: str
    items: list[Item]


@dataclass(frozen=True)
class MyPage:
    sections: list[MySection]
    tasks: list[Task]

    @property
    def task_count(self) -> int:
        """Everything waiting for the person's decision, added up."""
        return sum(task.count for task in self.tasks)


def my_page(person: Any) -> MyPage:
    """The person's own items, by section in a fixed order, and their tasks."""
    item_sources, task_sources = personal_sources()
    by_section: dict[str, list[Item]] = {section.value: [] for section in Section}
    for source in item_sources:
        for item in source(person):
            by_section[item.section].append(item)
    sections = [
        MySection(section.value, str(section.label), by_section[section.value])
        for section in Section
    ]
    tasks = [task for source in task_sources for task in source(person)]
    return MyPage(sections, tasks)
