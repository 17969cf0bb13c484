"""Background tasks of panels, run by ``coproduce db_worker``: thin, like views."""

from django_tasks import task

from coproduce.panels.drawing import selection_perform


@task()
def run_selection(run_id: int) -> str:
    """Draw the panel (or its replacements) by lot; the run's status says how it went."""
    return selection_perform(run_id=run_id)
