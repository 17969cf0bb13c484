"""Background tasks of events, run by ``coproduce db_worker``: thin, like views."""

from django_tasks import task

from coproduce.events.emails import registration_email


@task()
def email_registrant(registration_id: int, what: str) -> bool:
    """Send the reminder of an event, or the news that a place opened; True if sent."""
    return registration_email(registration_id=registration_id, what=what)
