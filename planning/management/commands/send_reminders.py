"""Sets the daily reminders going: queues a run now unless one is waiting in the queue
already; each run queues the next for the following morning (planning.reminders).
.ci/serve runs it as the worker starts; in production run it at each release (beside
`migrate`). Running it more often queues nothing twice and sends nothing twice."""

from django.core.management.base import BaseCommand

from planning.reminders import keep_scheduled


class Command(BaseCommand):
    help = "Queue the daily task that emails owners their reminders and overdue digests."

    def handle(self, *args, **options):
        result = keep_scheduled()
        if result is None:
            self.stdout.write("The reminders are already queued.")
        else:
            self.stdout.write(f"Queued the reminders ({result.id}); each run queues the next.")
