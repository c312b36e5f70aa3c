"""Asks the worker to send the day's reminders and the week's digests; run it daily
(cron, a systemd timer). Running it more often sends nothing twice."""

from django.core.management.base import BaseCommand

from planning.reminders import send_reminders


class Command(BaseCommand):
    help = "Enqueue the task that emails owners their reminders and overdue digests."

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(f"Enqueued the reminders ({result.id}).")
