"""Time the plan PDF (the Belén sample plan and a generated large plan) and the one-page
summary of how a plan was made (a generated making of a district's usual size).

    python manage.py document_benchmark [--runs 3]

Prints the median seconds to render each (tagged PDF/UA included) and the process's
peak memory. Nothing it creates is kept: it all happens in a transaction rolled back.
"""

import resource
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from districts.models import District
from making.adoption import start_making
from making.models import Outreach, Phase, Priority, SwotEntry
from measures.models import Measure, Result, Target
from planning.documents import html_for, render_pdf
from planning.management.commands.load_samples import load_sample
from planning.models import Document, Goal, Objective, Plan, Strategy


class Rollback(Exception):
    pass


def large_plan(district: District) -> Plan:
    """8 goals × 6 objectives × 6 strategies × 2 measures, each with targets and a result."""
    plan = Plan.objects.create(
        district=district,
        title="Large benchmark plan",
        start_year=2022,
        end_year=2027,
        mission="Every learner, every day.",
    )
    for g in range(1, 9):
        goal = Goal.objects.create(
            plan=plan,
            order=g,
            title=f"Goal {g} title",
            statement="Ensure every student grows each year. " * 3,
            rationale=["A research point of some length. " * 3] * 3,
        )
        objectives = Objective.objects.bulk_create(
            Objective(
                plan=plan,
                goal=goal,
                order=o,
                title=f"Objective {g}.{o}",
                description="What would be true if we reach it.",
            )
            for o in range(1, 7)
        )
        strategies = Strategy.objects.bulk_create(
            Strategy(
                plan=plan,
                objective=objective,
                order=s,
                text="Implement a strategy that takes a sentence or two to say. " * 2,
            )
            for objective in objectives
            for s in range(1, 7)
        )
        measures = Measure.objects.bulk_create(
            Measure(
                plan=plan,
                strategy=strategy,
                order=m,
                name=f"Measure {m} of a strategy",
                unit="percent",
                baseline_value=50,
                baseline_year=2021,
                target_form="yearly",
            )
            for strategy in strategies
            for m in (1, 2)
        )
        Target.objects.bulk_create(
            Target(measure=measure, year=year, value=55 + year - 2022)
            for measure in measures
            for year in plan.years
        )
        Result.objects.bulk_create(
            Result(measure=measure, year=2022, value=54) for measure in measures
        )
    return plan


def usual_making(district: District) -> Plan:
    """Six SWOT entries of each kind, ten outreach activities with three themes each, and
    six priorities each citing four entries and two themes: what a district usually has."""
    wanted = {"title": "Benchmark plan in the making", "start_year": 2027, "end_year": 2032}
    making = start_making(district, wanted, actor=None)
    making.phases.update(status=Phase.Status.DONE, lead="Deputy superintendent")
    entries = SwotEntry.objects.bulk_create(
        SwotEntry(
            making=making,
            kind=kind,
            order=n,
            text="An observation of the district that takes a line or so to say.",
        )
        for kind in SwotEntry.Kind.values
        for n in range(1, 7)
    )
    areas = list(making.areas.all())
    themes = []
    for n, audience in enumerate(Outreach.Audience.values * 2, start=1):
        if n > 10:
            break
        activity = Outreach.objects.create(
            making=making,
            order=n,
            kind=Outreach.Kind.FORUM,
            held_on="2026-10-01",
            audience=audience,
            reached=40 + n,
        )
        for t in range(1, 4):
            theme = activity.themes.create(order=t, text="What people asked for, briefly.")
            theme.areas.set(areas[:2])
            themes.append(theme)
    for n in range(1, 7):
        priority = Priority.objects.create(
            making=making, order=n, title=f"A priority of a few words, {n}"
        )
        priority.swot_entries.set(entries[n : n + 4])
        priority.themes.set(themes[n : n + 2])
    return making.plan


class Command(BaseCommand):
    help = "Time the plan PDF (Belén, a large plan) and the summary of how a plan was made."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, runs: int, **options):
        try:
            with transaction.atomic():
                _, belen, _ = load_sample("belen")
                self.measure("Belén sample plan", belen, runs)
                self.measure("Large plan (8 × 6 × 6 × 2)", large_plan(belen.district), runs)
                making = usual_making(belen.district)
                self.measure("How a plan was made (summary)", making, runs, Document.Kind.MAKING)
                raise Rollback
        except Rollback:
            pass

    def measure(self, name: str, plan: Plan, runs: int, kind: str = Document.Kind.PLAN) -> None:
        document = Document(plan=plan, kind=kind)
        seconds, pages = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            _, pages = render_pdf(html_for(document))
            seconds.append(time.perf_counter() - started)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{name}: {pages} page{'' if pages == 1 else 's'}, "
            f"median {statistics.median(seconds):.2f} s over {runs} runs, "
            f"peak memory of the process so far {peak_mb:.0f} MB"
        )
