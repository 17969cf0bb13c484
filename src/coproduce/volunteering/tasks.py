"""Background tasks of volunteering, run by ``coproduce db_worker``: thin, like views."""

from django_tasks import task

from coproduce.volunteering.emails import sign_up_email


@task()
def email_volunteer(sign_up_id: int, what: str) -> bool:
    """Send a reminder of a shift, or the news that a place opened; True if sent."""
    return sign_up_email(sign_up_id=sign_up_id, what=what)
