"""Background tasks of volunteering, run by ``coproduce db_worker``: thin, like views."""

from django_tasks import task


@task()
def email_volunteer(sign_up_id: int, what: str) -> bool:
    """Send a reminder of a shift, or the news that a place opened; True if sent."""
    from coproduce.volunteering import services  # services enqueue this task

    return services.sign_up_email(sign_up_id=sign_up_id, what=what)
