"""A plan's results, entered by hand or from a CSV file, and its progress dashboard.
Every view finds the plan through planning.access.plan_for, which checks the person's
district and role."""

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap

from measures import charts, exports, imports, paste
from measures.models import Result
from measures.numbers import as_written
from measures.progress import plan_progress
from planning.access import plan_for
from planning.editing import record
from planning.measure_forms import PastedBlockForm, ResultForm, ResultsFileForm
from planning.models import Change
from planning.pages import page_context
from planning.plan_page import by_piece, kept_pieces
from planning.tree import plan_tree

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _paste_form(progress, data=None) -> PastedBlockForm:
    rows = [
        (paste.row_key(measure, row), f"{measure.reference} · {row.label}")
        for measure, row in paste.grid_rows(progress)
    ]
    return PastedBlockForm(data, rows=rows, years=_years(progress.plan))


@require_GET
def results_grid(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    context = grid_context(membership, plan)
    if membership.can_edit:
        rows = [row for _, piece_rows in context["pieces"] for row in piece_rows]
        context["paste_form"] = PastedBlockForm(rows=rows, years=_years(plan))
    return render(request, "measures/results.html", context)


def grid_context(membership, plan, **extra) -> dict:
    """The results page's context, its rows kept rendered piece by piece (plan_page):
    an edit renders again only the rows under the item it touched. Each piece comes
    with its rows' keys and names, which the paste form offers."""
    context = page_context(membership, plan, **extra)

    def make(only):
        tree = plan_tree(plan, only=only)
        pieces = by_piece(tree, only, plan_progress(tree).groups)
        made = {}
        for scope, groups in pieces.items():
            shown = [grid_measure(m, plan, context) for group in groups for m in group.measures]
            html = render_to_string("measures/results.html#rows", {**context, "measures": shown})
            made[scope] = (html, [(row["key"], row["named"]) for m in shown for row in m["rows"]])
        return ({"order": list(pieces)}, made) if only is None else made

    can_edit = context["can_edit"]
    _, pieces = kept_pieces(f"results-{int(can_edit)}", plan, make)
    return {**context, "pieces": pieces, "has_measures": any(rows for _, rows in pieces)}


def grid_measure(measure, plan, context) -> dict:
    """A measure's lines of the grid as plain text: a large plan's grid has thousands of
    cells, each read once here rather than looked up piece by piece in the template."""
    unit = measure.measure
    years = {year: plan.year_label(year) for year in plan.years}
    # results/<measure>/<year>/<group>/, as planning/urls.py has it
    edit = reverse("results", args=[context["district"].slug, plan.pk]) + f"{unit.pk}/"
    rows = []
    for row in measure.rows:
        group = _group_key(row)
        key = f"{unit.pk}-{group}"
        cells = [
            grid_cell(unit, cell, f"{measure.reference} {row.label} {years[cell.year]}")
            | {
                "id": mark_safe(f"result-{key}-{cell.year}"),
                "row": mark_safe(key),
                "edit": mark_safe(f"{edit}{cell.year}/{group}/"),
            }
            for cell in row.cells
        ]
        rows.append(
            {
                "key": key,
                "named": f"{measure.reference} · {row.label}",
                "label": row.label,
                "cells": cells,
            }
        )
    return {
        "reference": measure.reference,
        "name": unit.name,
        "parent": measure.parent_label,
        "rows": rows,
    }


def grid_cell(unit, cell, named: str) -> dict:
    """A cell's words. Those made of numbers and the app's own words hold nothing to
    escape, and are marked so: escaping the grid's 80,000 of them was a fifth of its
    rendering; the person's words (names, notes) are escaped as ever."""
    judged = cell.judged
    value = unit.format(cell.result.value, cell.result.places) if cell.result else ""
    target = "" if judged.target is None else unit.format(judged.target, judged.target_places)
    return {
        "year": mark_safe(cell.year),
        "named": named,
        "value": mark_safe(value),
        "status": mark_safe(cell.status.value),
        "status_label": mark_safe(cell.status.label),
        "target": mark_safe(target),
        "estimated": judged.estimated,
        "note": cell.result.note if cell.result else "",
    }


def _years(plan) -> list[tuple[int, str]]:
    return [(year, plan.year_label(year)) for year in plan.years]


@require_GET
def results_download(request, district: str, plan_id: int, kind: str):
    """The plan's measures and results as a CSV (the import's columns) or an Excel workbook."""
    if kind not in ("csv", "xlsx"):
        raise Http404("Results download as csv or xlsx")
    _, plan = plan_for(request, district, plan_id)
    progress = plan_progress(plan_tree(plan))
    name = slugify(f"{plan.title} {plan.period} results") or "results"
    if kind == "csv":
        response = HttpResponse(exports.results_csv(progress), content_type="text/csv")
    else:
        response = HttpResponse(exports.results_xlsx(progress), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@require_POST
def results_paste(request, district: str, plan_id: int):
    """A pasted block: first a preview of what each cell becomes, with a problem beside
    each bad cell; then, confirmed and without problems, every cell saved at once."""
    membership, plan = plan_for(request, district, plan_id, "edit")
    progress = plan_progress(plan_tree(plan))
    form = _paste_form(progress, request.POST)
    cells = []
    if form.is_valid():
        data = form.cleaned_data
        cells = paste.read_block(data["block"], progress, data["start"], data["year"])
        if len(cells) > paste.MAX_CELLS:
            form.add_error("block", f"Paste up to {paste.MAX_CELLS:,} cells at a time.")
    problems = sum(1 for cell in cells if cell.problem)
    if form.is_valid() and "confirm" in request.POST and not problems:
        with transaction.atomic():
            count = paste.save_block(cells, user=request.user)
            _record_results(request, plan, count, "pasted into the grid")
        messages.success(request, f"Saved {count} pasted result{pluralize(count)}.")
        return redirect("results", district, plan_id)
    context = {
        "paste_form": form,
        "pasted": cells if form.is_valid() else None,
        "problems": problems,
    }
    if request.htmx:
        context = page_context(membership, plan, **context)
    else:
        context = grid_context(membership, plan, **context)
    status = 422 if form.errors or problems else 200
    template = "measures/results.html#paste" if request.htmx else "measures/results.html"
    return render(request, template, context, status=status)


def _cell(progress, measure_id: int, year: int, group: str):
    """The measure and the row of results the cell is in; 404 when the plan has none."""
    measure = progress.find(measure_id)
    row = next((r for r in measure.rows if _group_key(r) == group), None) if measure else None
    if row is None or year not in progress.years:
        raise Http404("No such result in this plan")
    return measure, row


@transaction.atomic
def _save_result(request, plan, measure, row, year: int) -> tuple[ResultForm, bool]:
    """The posted result saved and recorded, unless it has mistakes or came too late."""
    current = (
        Result.objects.select_for_update()
        .filter(measure=measure.measure, year=year, group=row.group)
        .first()
    )
    blank = Result(measure=measure.measure, year=year, group=row.group)
    form = ResultForm(request.POST, instance=current or blank, measure=measure.measure)
    if not form.is_valid() or form.conflicts:
        return form, False
    before = {"value": form.saved_values()["value"]} if current else None
    result = form.save(commit=False)
    result.entered_by = request.user
    result.save()
    record(
        plan=plan,
        actor=request.user,
        kind="measure",
        item_id=measure.measure.pk,
        action=Change.Action.CHANGED if current else Change.Action.ADDED,
        label=f"{plan.measure_label} {measure.reference}: result for "
        f"{row.label}, {plan.year_label(year)}",
        before=before,
        after={"value": as_written(result.value, result.places)},
    )
    return form, True


@require_http_methods(["GET", "POST"])
def result_edit(request, district: str, plan_id: int, measure_id: int, year: int, group: str):
    membership, plan = plan_for(request, district, plan_id, "edit")
    # Only the measure is read, with the item it hangs on (planning.tree.plan_tree).
    only = {f"measure-{measure_id}"}
    measure, row = _cell(plan_progress(plan_tree(plan, only=only)), measure_id, year, group)
    cell_id = f"result-{measure_id}-{group}-{year}"
    grid = reverse("results", args=[district, plan_id]) + f"#{cell_id}"
    if request.method == "GET" and request.GET.get("show") == "cell":
        context = page_context(membership, plan)
        context["cell"] = _shown_cell(measure, row, year, plan, context)
        return render(request, "measures/results.html#cell", context)
    if request.method == "POST":
        form, saved = _save_result(request, plan, measure, row, year)
        if saved and not request.htmx:
            messages.success(request, "Saved the result.")
            return redirect(grid)
        if saved:
            measure, row = _cell(plan_progress(plan_tree(plan, only=only)), measure_id, year, group)
            announce = f"{measure.reference}, {row.label}, {plan.year_label(year)}"
            context = page_context(membership, plan, just_saved=True, announce=announce)
            context["cell"] = _shown_cell(measure, row, year, plan, context)
            return render(request, "measures/results.html#cell", context)
    else:
        saved = Result.objects.filter(measure=measure.measure, year=year, group=row.group).first()
        form = ResultForm(instance=saved, measure=measure.measure)
        if request.htmx:
            form.fields["value"].widget.attrs["autofocus"] = True
    status = 422 if form.is_bound and form.errors else 409 if form.is_bound else 200
    context = page_context(
        membership,
        plan,
        measure=measure,
        row=row,
        year=year,
        form=form,
        cell_id=cell_id,
        action=reverse("result_edit", args=[district, plan_id, measure_id, year, group]),
        back=grid,
        fingerprint=form.saved_fingerprint if status == 409 else form["fingerprint"].value(),
        conflict=status == 409,
    )
    if not request.htmx:
        return render(request, "measures/result_edit.html", context, status=status)
    # The form stays inside its table cell, whatever the answer.
    return reswap(
        render(request, "measures/result_edit.html#form", context, status=status), "innerHTML"
    )


def _shown_cell(measure, row, year: int, plan, context) -> dict:
    """One cell of the grid, as the grid shows it."""
    line = grid_measure(measure, plan, context)["rows"][measure.rows.index(row)]
    return next(cell for cell in line["cells"] if cell["year"] == str(year))


def _group_key(row) -> str:
    return str(row.group.pk) if row.group else "all"


@require_http_methods(["GET", "POST"])
def results_import(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id, "edit")
    context = page_context(membership, plan)
    if request.method == "GET":
        return render(request, "measures/import.html", {**context, "form": ResultsFileForm()})
    files = request.FILES
    if "confirm" in request.POST:
        # The text sent back to confirm is read again, as the file it came from was.
        sent = request.POST.get("csv", "").encode()
        files = {"file": SimpleUploadedFile("confirmed.csv", sent, content_type="text/csv")}
    form = ResultsFileForm(request.POST, files)
    if form.is_valid():
        try:
            text = imports.decode(form.cleaned_data["file"].read())
            rows = imports.read_results(text, plan_progress(plan_tree(plan)))
        except imports.UnreadableFile as problem:
            form.add_error("file", str(problem))
    if form.errors:
        return render(request, "measures/import.html", {**context, "form": form}, status=422)

    problems = sum(1 for row in rows if row.problems)
    if "confirm" in request.POST and not problems:
        with transaction.atomic():
            count = imports.import_results(rows, district=membership.district, user=request.user)
            _record_results(request, plan, count, "from a CSV file")
        messages.success(request, f"Imported {count} result{pluralize(count)}.")
        return redirect("results", district, plan_id)
    return render(
        request,
        "measures/import.html",
        {**context, "form": ResultsFileForm(), "rows": rows, "problems": problems, "csv": text},
        status=422 if problems else 200,
    )


@require_GET
def progress_dashboard(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in plan.years else latest_year(plan)
    context = page_context(membership, plan, year=year)

    def make(only):
        tree = plan_tree(plan, only=only)
        pieces = by_piece(tree, only, plan_progress(tree).groups)
        made = {}
        for scope, goals in pieces.items():
            shown = [_goal_progress(goal, plan, year) for goal in goals]
            html = render_to_string("measures/progress.html#goals", {**context, "goals": shown})
            missing = [m for goal in shown for m in goal["missing"]]
            made[scope] = (html, missing)
        return ({"order": list(pieces)}, made) if only is None else made

    # What each goal shows is the same for everyone: it is kept once per year.
    _, pieces = kept_pieces(f"progress-{year}", plan, make)
    context["pieces"] = pieces
    context["missing"] = [measure for _, missing in pieces for measure in missing]
    return render(request, "measures/progress.html", context)


def latest_year(plan) -> int:
    """The latest of the plan's years in which some measure has a result for all
    students, else its first (what measures.progress.PlanProgress says, in one query)."""
    years = Result.objects.filter(measure__plan=plan, group=None, year__in=plan.years)
    return max(years.values_list("year", flat=True).distinct(), default=plan.years[0])


def _goal_progress(goal, plan, year: int) -> dict:
    """A goal on the dashboard in the year, as plain values."""
    node = goal.node
    measures = []
    for measure in goal.measures:
        latest = measure.all_students.latest
        measures.append(
            {
                "reference": measure.reference,
                "name": measure.measure.name,
                "parent": measure.parent_label,
                "latest": latest
                and {
                    "value": measure.measure.format(latest.result.value, latest.result.places),
                    "year": plan.year_label(latest.year),
                    "status": latest.status,
                },
                "chart": charts.trend_chart(measure, plan),
            }
        )
    return {
        "id": f"goal-progress-{node.kind}-{node.pk}",
        "label": node.label,
        "title": getattr(node.item, "title", "") or getattr(node.item, "statement", ""),
        # Every status, zeros too, so a summary never reads as if nothing were off track.
        "counts": list(goal.counts(year).items()),
        "behind": [
            (measure.reference, cell.status, plan.year_label(cell.year))
            for measure, cell in goal.behind_earlier(year)
        ],
        "measures": measures,
        "missing": [
            (m.measure.pk, m.reference, Truncator(m.measure.name).chars(120))
            for m in goal.measures
            if not m.has_result(year)
        ],
    }


def _record_results(request, plan, count: int, how: str) -> None:
    """Results entered many at once, in the plan's history as one change."""
    record(
        plan=plan,
        actor=request.user,
        action=Change.Action.ADDED,
        kind="plan",
        item_id=plan.pk,
        label=f"{count} result{pluralize(count)} {how}",
    )
