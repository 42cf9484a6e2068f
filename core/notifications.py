"""E-mail notifications: rendered where the change is made, sent by the worker.

`notify(...)` renders the Dutch subject and plain-text body (and an HTML body when the template
exists) at once and enqueues the sending when the current transaction commits: a request never
waits for the mail server, a rolled-back change sends nothing, and a mail server that is down
fails the task (visible in the worker's log and the task results), never the request.
Every recipient gets a message of their own, so nobody sees the others' addresses.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from django_tasks import task


def absolute_url(path: str) -> str:
    """`path` on the application's address (`SITE_URL`), for links in mail sent by the worker."""
    if settings.SITE_URL:
        base = settings.SITE_URL.rstrip("/")
    else:
        hosts = [host for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
        host = hosts[0].lstrip(".") if hosts else "localhost"
        base = f"{'http' if settings.DEBUG else 'https'}://{host}"
    return base + path


@task()
def send_notification(*, subject: str, body: str, recipients: list[str], html: str = "") -> dict:
    messages = []
    for recipient in recipients:
        message = EmailMultiAlternatives(subject, body, None, [recipient])
        if html:
            message.attach_alternative(html, "text/html")
        messages.append(message)
    with get_connection() as connection:
        sent = connection.send_messages(messages)
    return {"sent": sent or 0}


def render_notification(template: str, context: dict) -> tuple[str, str, str]:
    """Subject (one line), text and HTML of `<template>_subject.txt`, `.txt` and `.html`."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        html = ""
    return subject, body, html


def notify(*, recipients: Iterable[str], template: str, context: dict) -> list[str]:
    """Send the notification `template` to `recipients` once the transaction commits; returns
    the addresses it goes to (none when nobody has an address)."""
    addresses = sorted({address.strip() for address in recipients if address and address.strip()})
    if not addresses:
        return []
    subject, body, html = render_notification(template, context)
    transaction.on_commit(
        lambda: send_notification.enqueue(
            subject=subject, body=body, recipients=addresses, html=html
        )
    )
    return addresses
