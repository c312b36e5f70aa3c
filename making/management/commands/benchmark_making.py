"""Time the one-page summary of how a plan was made, for a generated making of a
district's usual size: what `manage.py benchmark` (the plan's pages, saves and PDFs) does
not reach, as planning cannot build a making.

    python manage.py benchmark_making [--runs 5] [--json]

Prints the median seconds to render it (tagged PDF/UA included), its pages and the
process's peak memory. Nothing it creates is kept: it all happens in a transaction rolled
back.
"""

import json
import resource
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from districts.models import District
from making.adoption import start_making
from making.models import Outreach, Phase, Priority, SwotEntry
from planning.documents import html_for, render_pdf
from planning.models import Document, Plan


class Rollback(Exception):
    pass


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
    help = "Time the summary of how a plan was made (see the module's docstring)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--json", action="store_true", dest="as_json")

    def handle(self, *args, runs: int, as_json: bool, **options):
        try:
            with transaction.atomic():
                district = District.objects.create(name="Benchmark", slug="benchmark-making")
                figures = self.measure(usual_making(district), runs)
                raise Rollback
        except Rollback:
            pass
        if as_json:
            self.stdout.write(json.dumps(figures))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key:<20} {value}")

    def measure(self, plan: Plan, runs: int) -> dict:
        document = Document(plan=plan, kind=Document.Kind.MAKING)
        seconds, pages = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            _, pages = render_pdf(html_for(document))
            seconds.append(time.perf_counter() - started)
        return {
            "pdf_making_s": round(statistics.median(seconds), 2),
            "pdf_making_pages": pages,
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        }
