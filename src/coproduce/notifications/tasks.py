"""Background tasks of notifications, run by ``coproduce db_worker``: thin, like views."""

from django_tasks import task

from coproduce.notifications import services


@task()
def fan_out(audience: str, key: int, kind: str, message: str, params: dict, link: str) -> int:
    """Write the notifications of a large audience in batches; each batch queues its e-mails."""
    return services.fan_out(
        audience=audience, key=key, kind=kind, message=message, params=params, link=link
    )


@task()
def send_emails(notification_ids: list[int]) -> int:
    """E-mail one batch of notifications that go out straight away."""
    return services.emails_send(notification_ids=notification_ids)


@task()
def send_digests() -> int:
    """Send the daily digests."""
    return services.digest_send()
