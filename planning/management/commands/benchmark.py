"""How fast the plan's pages, saves and PDFs are, for the Belén sample and a large plan
(8 goals × 6 objectives × 6 strategies × 2 measures, five school years of targets and of
results for all students and three groups, owners and statuses, a few revisions).

    python manage.py benchmark [--json] [--runs 20] [--pdf-runs 5] [--only pdf] [--concurrency]

Pages are asked through Django's test client with the real middleware, DEBUG off; each
figure is the median of the runs. Nothing is kept: it all happens in a transaction that
is rolled back. --only pdf times the PDFs alone and prints only their keys; --pdf-runs 0
leaves them out. --concurrency instead starts gunicorn (4 workers) on a throwaway database
beside the DATABASE_URL one and has twenty editors save at once (benchmark_concurrency.py).
"""

import json
import resource
import statistics
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.template import Context, Engine
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import District, Membership, Role
from planning.documents import html_for, render_pdf
from planning.management.commands.load_samples import load_sample
from planning.models import Document, Plan, Review, Strategy
from planning.plan_file import create_plan
from planning.tree import plan_tree

KEYS = (
    "plan_page_editor_ms",
    "plan_page_viewer_ms",
    "plan_page_after_edit_ms",
    "save_ms",
    "save_bytes",
    "plan_page_queries",
    "plan_page_editor_bytes",
    "results_grid_ms",
    "dashboard_ms",
    "review_ms",
    "public_page_ms",
    "floor_bare_template_ms",
    "pdf_belen_s",
    "pdf_large_s",
    "pdf_large_mb",
)
YEARS = range(2022, 2027)
GROUPS = ("English learners", "Students with disabilities", "Low income")
PASSWORD = "benchmark-only-password"


class Rollback(Exception):
    pass


def large_plan_data() -> dict:
    """The large plan, as a plan file would carry it."""

    def measure(g: int, o: int, s: int, m: int) -> dict:
        results = [
            {"year": year, "group": group, "value": f"{40 + (year - 2022) * 2 + m + g % 3}.5"}
            for year in YEARS
            for group in (None, *GROUPS)
        ]
        return {
            "name": f"Share of students meeting the standard, measure {g}.{o}.{s}.{m}",
            "data_source": "State assessment",
            "kind": "quantitative",
            "unit": "percent",
            "direction": "increase",
            "baseline_value": "40",
            "baseline_year": 2021,
            "target_form": "yearly",
            "targets": {str(year): str(42 + (year - 2022) * 3) for year in YEARS},
            "breakdown": list(GROUPS),
            "results": results,
            "revisions": [
                {
                    "field": "baseline",
                    "old_value": "38",
                    "new_value": "40",
                    "reason": "Corrected by the state.",
                }
            ]
            if m == 1 and s == 1
            else [],
        }

    def strategy(g: int, o: int, s: int) -> dict:
        return {
            "level": "strategy",
            "text": "Implement a strategy that takes a sentence or two to say. " * 2,
            "owner": "Director of curriculum",
            "status": ("not_started", "in_progress", "complete")[s % 3],
            "start_year": 2022,
            "end_year": 2025,
            "measures": [measure(g, o, s, m) for m in (1, 2)],
        }

    return {
        "title": "Large benchmark plan",
        "start_year": 2022,
        "end_year": 2027,
        "status": "adopted",
        "mission": "Every learner, every day.",
        "values": [{"name": f"Value {n}", "definition": "What it means."} for n in range(1, 6)],
        "graduate_attributes": [{"name": "Curious", "descriptors": ["Asks questions"]}],
        "items": [
            {
                "level": "goal",
                "title": f"Goal {g} title",
                "statement": "Ensure every student grows each year. " * 3,
                "rationale": ["A research point of some length. " * 3] * 3,
                "graduate_attributes": ["Curious"],
                "children": [
                    {
                        "level": "objective",
                        "title": f"Objective {g}.{o}",
                        "description": "What would be true if we reach it.",
                        "children": [strategy(g, o, s) for s in range(1, 7)],
                    }
                    for o in range(1, 7)
                ],
            }
            for g in range(1, 9)
        ],
    }


def people(district: District) -> dict[str, object]:
    User = get_user_model()
    made = {}
    for role in (Role.EDITOR, Role.VIEWER):
        user = User.objects.create_user(f"benchmark-{district.slug}-{role}", password=PASSWORD)
        Membership.objects.create(user=user, district=district, role=role)
        made[role] = user
    return made


def timed(call, runs: int) -> tuple[float, object]:
    """The median milliseconds of runs calls, and the last call's answer."""
    spent, answer = [], None
    for _ in range(runs):
        started = time.perf_counter()
        answer = call()
        spent.append((time.perf_counter() - started) * 1000)
    return statistics.median(spent), answer


class Command(BaseCommand):
    help = "Time the plan page, saves, the other pages and the PDFs (see the module's docstring)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print one JSON object."
        )
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--pdf-runs", type=int, default=5)
        parser.add_argument(
            "--only", choices=["pdf"], help="Time only the PDFs and print only their keys."
        )
        parser.add_argument(
            "--concurrency", action="store_true", help="Twenty editors at once, via gunicorn."
        )
        parser.add_argument("--editors", type=int, default=20, help="With --concurrency.")
        parser.add_argument(
            "--seconds", type=float, default=30, help="With --concurrency: how long they save."
        )

    def handle(
        self, *args, as_json: bool, runs: int, pdf_runs: int, only, concurrency: bool, **options
    ):
        if concurrency:
            from planning.management.commands.benchmark_concurrency import run_concurrency

            # What it is doing goes beside the JSON, not into it.
            figures = run_concurrency(
                self.stderr if as_json else self.stdout,
                editors=options["editors"],
                seconds=options["seconds"],
            )
        else:
            figures = self.measure_all(runs, pdf_runs, only)
        if as_json:
            self.stdout.write(_json(figures))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key:<28} {value}")

    def measure_all(self, runs: int, pdf_runs: int, only: str | None = None) -> dict:
        figures = {}
        try:
            with (
                override_settings(
                    DEBUG=False, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False
                ),
                transaction.atomic(),
            ):
                _, belen, _ = load_sample("belen")
                large = create_plan(belen.district, large_plan_data())
                Plan.objects.filter(pk=large.pk).update(published=True)
                Review.objects.create(plan=large, year=2024)
                if only != "pdf":
                    figures |= self.pages(large, people(belen.district), runs)
                if pdf_runs:  # --pdf-runs 0 leaves the PDFs out
                    figures |= self.pdfs(belen, large, pdf_runs)
                raise Rollback
        except Rollback:
            pass
        return {key: figures[key] for key in KEYS if key in figures}

    def pages(self, plan: Plan, person: dict, runs: int) -> dict:
        slug = plan.district.slug
        address = reverse("plan", args=[slug, plan.pk])
        editor, viewer = Client(), Client()
        editor.force_login(person[Role.EDITOR])
        viewer.force_login(person[Role.VIEWER])
        figures = {}
        figures["plan_page_editor_ms"], page = timed(lambda: editor.get(address), runs)
        figures["plan_page_editor_bytes"] = len(page.content)
        with CaptureQueriesContext(connection) as queries:
            editor.get(address)
        figures["plan_page_queries"] = len(queries)
        figures["plan_page_viewer_ms"], _ = timed(lambda: viewer.get(address), runs)

        strategies = list(Strategy.objects.filter(plan=plan).order_by("pk")[:runs])
        saves, after, sizes = [], [], []
        htmx = {"HTTP_HX_REQUEST": "true"}
        for n, strategy in enumerate(strategies):
            edit = reverse("item_edit", args=[slug, plan.pk, "strategy", strategy.pk])
            opened = editor.get(edit, **htmx).content.decode()
            fingerprint = opened.split('name="fingerprint" value="')[1].split('"')[0]
            data = {
                "text": f"Renamed {n}",
                "owner": strategy.owner,
                "status": strategy.status,
                "start_year": strategy.start_year,
                "end_year": strategy.end_year,
                "fingerprint": fingerprint,
            }
            started = time.perf_counter()
            saved = editor.post(edit, data, **htmx)
            saves.append((time.perf_counter() - started) * 1000)
            sizes.append(len(saved.content))
            started = time.perf_counter()
            editor.get(address)
            after.append((time.perf_counter() - started) * 1000)
            assert saved.status_code == 200, saved.content[:300]
        figures["save_ms"] = statistics.median(saves)
        figures["save_bytes"] = statistics.median(sizes)
        figures["plan_page_after_edit_ms"] = statistics.median(after)

        for key, name in (
            ("results_grid_ms", "results"),
            ("dashboard_ms", "progress"),
        ):
            figures[key], _ = timed(
                lambda n=name: viewer.get(reverse(n, args=[slug, plan.pk])), runs
            )
        review = reverse("review", args=[slug, plan.pk, 2024])
        figures["review_ms"], _ = timed(lambda: viewer.get(review), runs)
        public = reverse("public_plan", args=[slug, plan.pk])
        figures["public_page_ms"], _ = timed(lambda: Client().get(public), runs)
        figures["floor_bare_template_ms"] = self.floor(plan, runs)
        return {key: round(value, 1) for key, value in figures.items()}

    def floor(self, plan: Plan, runs: int) -> float:
        """The same tree through a template with no logic but its loops: what rendering
        it costs at the least in Django's template language."""
        template = Engine().from_string(
            "{% for goal in tree.children %}<h3>{{ goal.label }} {{ goal.item.title }}</h3>"
            "{% for objective in goal.children %}<h4>{{ objective.label }} "
            "{{ objective.item.title }}</h4>{% for strategy in objective.children %}"
            "<p>{{ strategy.number }} {{ strategy.item.text }}</p>"
            "{% for measure in strategy.measures %}"
            "<p>{{ measure.item.name }}</p>{% for target in measure.targets %}{{ target.year }}: "
            "{{ target.value }} {% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
        )
        tree = plan_tree(plan)
        median, _ = timed(lambda: template.render(Context({"tree": tree})), runs)
        return median

    def pdfs(self, belen: Plan, large: Plan, runs: int) -> dict:
        belen_s, _ = timed(
            lambda: render_pdf(html_for(Document(plan=belen, kind=Document.Kind.PLAN))), runs
        )
        large_s, _ = timed(
            lambda: render_pdf(html_for(Document(plan=large, kind=Document.Kind.PLAN))), runs
        )
        # The peak memory of the process that made it (Django and the pages included).
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {
            "pdf_belen_s": round(belen_s / 1000, 2),
            "pdf_large_s": round(large_s / 1000, 2),
            "pdf_large_mb": round(peak_kb / 1024),
        }


def _json(figures: dict) -> str:
    return json.dumps(
        {k: (float(v) if isinstance(v, Decimal) else v) for k, v in figures.items()}, indent=None
    )
