from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districts.models import District
from planning.exchange import MAX_BYTES, PlanFileError, import_notes, import_plan, read
from planning.titles import titled


class Command(BaseCommand):
    help = "Add a plan from a JSON file to a district: import_plan DISTRICT_SLUG FILE"

    def add_arguments(self, parser):
        parser.add_argument("district")
        parser.add_argument("path")

    def handle(self, district, path, **options):
        target = District.objects.filter(slug=district).first()
        if target is None:
            raise CommandError(f"There is no district {district}.")
        try:
            with Path(path).open("rb") as file:
                data = read(file.read(MAX_BYTES + 1))
                plan = import_plan(target, data)
        except (OSError, PlanFileError) as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"Added {titled(plan)} to {target} (plan {plan.pk}).")
        for note in import_notes(plan, data["plan"]):
            self.stdout.write(note)
