import json

from django.core.management.base import BaseCommand, CommandError

from planning.exchange import export_plan
from planning.models import Plan
from planning.titles import titled


class Command(BaseCommand):
    help = "Write a whole plan to a JSON file: export_plan DISTRICT_SLUG PLAN_ID FILE"

    def add_arguments(self, parser):
        parser.add_argument("district")
        parser.add_argument("plan_id", type=int)
        parser.add_argument("path")

    def handle(self, district, plan_id, path, **options):
        plan = Plan.objects.filter(district__slug=district, pk=plan_id).first()
        if plan is None:
            raise CommandError(f"District {district} has no plan {plan_id}.")
        with open(path, "w", encoding="utf-8") as file:
            json.dump(export_plan(plan), file, ensure_ascii=False, indent=2)
        self.stdout.write(f"Wrote {titled(plan)} to {path}.")
