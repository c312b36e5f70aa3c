"""Reminding owners by email: before an update window closes, and each week of what is
overdue. A task run by the django-tasks worker sends what is due and records it, so that
running it twice sends nothing twice. It keeps itself going: each run first puts the next
in the queue for the following morning (django-tasks has no schedule of its own), and
`manage.py send_reminders`, run as the worker starts, sets it going when nothing is
queued."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from planning.models import ReminderSent
from planning.updates import overdue_by_owner, owners_to_remind, windows_closing

logger = logging.getLogger(__name__)


def _send_once(*, kind: str, user, about: str, window, subject: str, body: str, items: int):
    """Record the mail first, in the same transaction: a second run finds it and stops.
    A mail the server refuses leaves no record, so the next day's run tries it again,
    and the others of this run still go."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                kind=kind, user=user, about=about, window=window, items=items
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except IntegrityError:
        return False
    except OSError:  # smtplib's errors, refused connections and timeouts alike
        logger.warning(
            "The %s mail (%s) to %s <%s> was not sent; the next run tries again",
            kind,
            about,
            user.get_username(),
            user.email,
            exc_info=True,
        )
        return False
    return True


def send_window_reminders(today: datetime.date) -> int:
    """To each owner of a window's unfinished work, once, from the day its reminder is
    due until it closes: read in the same few queries however many windows and owners."""
    windows = [
        window
        for window in windows_closing(today)
        if window.closes_on - datetime.timedelta(days=window.remind_days_before) <= today
    ]
    done = ReminderSent.objects.filter(
        kind=ReminderSent.Kind.REMINDER, about__in=[_about(window) for window in windows]
    )
    done = set(done.values_list("user_id", "about"))
    owners = owners_to_remind(windows)
    sent = 0
    for window in windows:
        about = _about(window)
        for user, work in owners[window.pk].items():
            if not user.email or (user.pk, about) in done:
                continue
            body = render_to_string(
                "planning/email/reminder.txt",
                {"user": user, "window": window, "plan": window.plan, "work": work},
            )
            sent += _send_once(
                kind=ReminderSent.Kind.REMINDER,
                user=user,
                about=about,
                window=window,
                subject=f"Progress updates due by {window.closes_on:%B %-d}: {window.plan.title}",
                body=body,
                items=len(work),
            )
    return sent


def _about(window) -> str:
    return f"window-{window.pk}"


def send_overdue_digests(today: datetime.date) -> int:
    """Once a week (ISO week), to each owner with an account who has overdue work."""
    year, week, _ = today.isocalendar()
    about = f"{year}-W{week:02d}"
    done = ReminderSent.objects.filter(kind=ReminderSent.Kind.DIGEST, about=about)
    done = set(done.values_list("user_id", flat=True))
    sent = 0
    for user, late in sorted(overdue_by_owner(today).items(), key=lambda pair: pair[0].pk):
        if user.pk in done:
            continue
        body = render_to_string("planning/email/digest.txt", {"user": user, "late": late})
        sent += _send_once(
            kind=ReminderSent.Kind.DIGEST,
            user=user,
            about=about,
            window=None,
            subject=f"{len(late)} overdue in your district's plans",
            body=body,
            items=len(late),
        )
    return sent


# When each day's reminders go: early, before the working day.
SENT_AT = datetime.time(6, 0)


def next_morning(now: datetime.datetime) -> datetime.datetime:
    day = timezone.localdate(now) + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, SENT_AT))


def keep_scheduled(run_after: datetime.datetime | None = None):
    """Queues a run of the reminders (now, or at run_after) unless one is waiting in the
    queue already, so that there is one daily run however often the worker starts.
    Nothing with a backend that runs tasks at once (the tests' own): a run that queued
    its next would never end."""
    if not send_reminders.get_backend().supports_defer:
        return None
    waiting = DBTaskResult.objects.filter(
        task_path=send_reminders.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return None
    return send_reminders.using(run_after=run_after).enqueue()


@task()
def send_reminders() -> int:
    keep_scheduled(next_morning(timezone.now()))  # first: a failed run still has a next
    today = timezone.localdate()
    return send_window_reminders(today) + send_overdue_digests(today)
