"""A plan's results, entered by hand or from a CSV file, and its progress dashboard.
Every view finds the plan through planning.access.plan_for, which checks the person's
district and role."""

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap

from measures import charts, exports, imports, paste
from measures.models import Result
from measures.numbers import as_written
from measures.progress import plan_progress
from measures.status import Status
from planning.access import plan_for
from planning.editing import record
from planning.measure_forms import PastedBlockForm, ResultForm, ResultsFileForm
from planning.models import Change
from planning.pages import page_context
from planning.tree import plan_tree

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chosen_year(request, progress) -> int:
    """The school year asked for (?year=2023), else the latest with results."""
    year = request.GET.get("year", "")
    if year.isdigit() and int(year) in progress.years:
        return int(year)
    return progress.latest_year_with_results


def _paste_form(progress, data=None) -> PastedBlockForm:
    rows = [
        (paste.row_key(measure, row), f"{measure.reference} · {row.label}")
        for measure, row in paste.grid_rows(progress)
    ]
    years = [(year, progress.plan.year_label(year)) for year in progress.years]
    return PastedBlockForm(data, rows=rows, years=years)


@require_GET
def results_grid(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    progress = plan_progress(plan_tree(plan))
    return render(
        request,
        "measures/results.html",
        page_context(
            membership,
            plan,
            progress=progress,
            can_edit=membership.can_edit,
            paste_form=_paste_form(progress) if membership.can_edit else None,
        ),
    )


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
        count = paste.save_block(cells, user=request.user)
        record(
            plan=plan,
            actor=request.user,
            action=Change.Action.ADDED,
            kind="plan",
            item_id=plan.pk,
            label=f"{count} result{pluralize(count)} pasted into the grid",
        )
        messages.success(request, f"Saved {count} pasted result{pluralize(count)}.")
        return redirect("results", district, plan_id)
    context = page_context(
        membership,
        plan,
        progress=progress,
        can_edit=True,
        paste_form=form,
        pasted=cells if form.is_valid() else None,
        problems=problems,
    )
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
    progress = plan_progress(plan_tree(plan))
    measure, row = _cell(progress, measure_id, year, group)
    cell_id = f"result-{measure_id}-{group}-{year}"
    grid = reverse("results", args=[district, plan_id]) + f"#{cell_id}"
    cell = {"measure": measure, "row": row, "can_edit": True}
    if request.method == "GET" and request.GET.get("show") == "cell":
        context = page_context(membership, plan, **cell, cell=row.cell(year))
        return render(request, "measures/results.html#cell", context)
    if request.method == "POST":
        form, saved = _save_result(request, plan, measure, row, year)
        if saved and not request.htmx:
            messages.success(request, "Saved the result.")
            return redirect(grid)
        if saved:
            measure, row = _cell(plan_progress(plan_tree(plan)), measure_id, year, group)
            context = {**cell, "measure": measure, "row": row, "cell": row.cell(year)}
            context = page_context(membership, plan, **context, just_saved=True)
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
        **cell,
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
        count = imports.import_results(rows, district=membership.district, user=request.user)
        record(
            plan=plan,
            actor=request.user,
            action=Change.Action.ADDED,
            kind="plan",
            item_id=plan.pk,
            label=f"{count} result{pluralize(count)} from a CSV file",
        )
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
    progress = plan_progress(plan_tree(plan))
    year = chosen_year(request, progress)
    goals = [
        {
            "progress": goal,
            # Every status, zeros too, so a summary never reads as if nothing were off track.
            "counts": list(goal.counts(year).items()),
            "behind": goal.behind_earlier(year),
            "measures": [(m, charts.trend_chart(m, plan)) for m in goal.measures],
        }
        for goal in progress.groups
    ]
    return render(
        request,
        "measures/progress.html",
        page_context(
            membership,
            plan,
            progress=progress,
            year=year,
            goals=goals,
            statuses=Status,
            missing=progress.missing(year),
            can_edit=membership.can_edit,
        ),
    )
