"""The phase check every write of a process makes before it changes anything."""

from django.core.exceptions import ValidationError

from coproduce.budgeting.models import Phase, Process


def require_phase(process: Process, *phases: str) -> None:
    """Refuse, naming the phases that allow it, unless the process is in one of ``phases``."""
    if process.phase not in phases:
        names = " or ".join(Phase(p).label.lower() for p in phases)
        raise ValidationError(
            {
                "phase": f"This can be done only during {names}; the process is in "
                f"{Phase(process.phase).label.lower()}."
            }
        )
