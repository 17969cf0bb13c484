"""The demo's case library: every published case in the seeds, each with its initiative."""

from typing import TYPE_CHECKING

from coproduce.cases.library import CASES
from coproduce.cases.services import case_add

if TYPE_CHECKING:
    from coproduce.portal.demo import Demo


def load(demo: "Demo") -> None:
    for case in CASES:
        case_add(actor=demo.people["curator"], case=case)
    demo.counts["cases"] = len(CASES)
