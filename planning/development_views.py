"""The workspace where a plan is made: its phases, the diagnostic (SWOT and gap
analysis), stakeholder input, ranked priorities, and the adoption.

Entries (SWOT entries, strategic areas, outreach activities, themes, priorities) are
added, edited, removed and ranked in place like the items of a plan: an htmx request
gets the named part of its page, a plain one a page or a redirect. Once the plan is
adopted they are kept as they were, the record of how the plan was made.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from districts.access import member
from measures.models import Measure
from planning import development as making
from planning import development_forms as entry_forms
from planning import editing
from planning.access import plan_for
from planning.models import (
    Change,
    Development,
    Outreach,
    Phase,
    Priority,
    StrategicArea,
    SwotEntry,
    Theme,
)
from planning.pages import edit_form_response, page_context


def development_for(request, district: str, plan_id: int, ability: str = "read"):
    """The plan and its making, checked like the plan; to edit, only while it is made."""
    edit = ability == "edit"
    membership, plan = plan_for(request, district, plan_id, ability)
    development = get_object_or_404(
        Development.objects.select_related("follows", "adopted_by"), plan=plan
    )
    development.plan = plan
    if edit and development.is_adopted:
        raise PermissionDenied(
            "The plan is adopted: the record of how it was made is kept as it was."
        )
    return membership, plan, development


def page_url(plan, page: str, anchor: str = "") -> str:
    url = reverse(page, args=[plan.district.slug, plan.pk])
    return f"{url}#{anchor}" if anchor else url


# The pages ---------------------------------------------------------------------------


def overview_context(development: Development) -> dict:
    return {
        "summary": making.summary(development),
        "overlapping": making.overlapping_plans(development).first(),
    }


def diagnostic_context(development: Development) -> dict:
    places = making.places_in(development.plan)
    return {
        "swot": making.swot_groups(development),
        "gaps": making.gap_analysis(development),
        "places": places,
        "carry_form": entry_forms.CarryForm(places=places),
    }


def input_context(development: Development) -> dict:
    areas = list(development.areas.order_by("order"))
    activities = making.activities_of(development)
    return {
        "areas": areas,
        "activities": activities,
        "counts": making.input_counts(activities, areas),
    }


def priorities_context(development: Development) -> dict:
    return {"priorities": making.priorities_of(development, making.swot_codes(development))}


@dataclass(frozen=True)
class Page:
    template: str
    context: Callable[[Development], dict]
    name: str = ""  # as the breadcrumbs say it; the overview has none


PAGES = {
    "development": Page("planning/development.html", overview_context),
    "development_diagnostic": Page(
        "planning/development_diagnostic.html", diagnostic_context, "Diagnostic"
    ),
    "development_input": Page(
        "planning/development_input.html", input_context, "Stakeholder input"
    ),
    "development_priorities": Page(
        "planning/development_priorities.html", priorities_context, "Priorities"
    ),
}


def workspace_context(membership, development: Development, page: str, **extra) -> dict:
    return {
        "membership": membership,
        "district": membership.district,
        "plan": development.plan,
        "development": development,
        "can_edit": membership.can_edit and not development.is_adopted,
        "page": page,
        "page_name": PAGES[page].name,
        **PAGES[page].context(development),
        **extra,
    }


def workspace_page(page: str):
    @require_GET
    def view(request, district: str, plan_id: int):
        membership, _, development = development_for(request, district, plan_id)
        context = workspace_context(membership, development, page)
        return render(request, PAGES[page].template, context)

    view.__name__ = page
    return view


development = workspace_page("development")
diagnostic = workspace_page("development_diagnostic")
stakeholder_input = workspace_page("development_input")
priorities = workspace_page("development_priorities")


@require_http_methods(["GET", "POST"])
def development_new(request, district: str):
    membership = member(request.user, district, "administer")
    form = entry_forms.DevelopmentForm(request.POST or None, district=membership.district)
    if request.method == "POST" and form.is_valid():
        made = making.start_development(membership.district, form.cleaned_data, actor=request.user)
        messages.success(request, f"Started making {made.plan}.")
        return redirect("development", district, made.plan.pk)
    return render(
        request,
        "planning/development_new.html",
        {"membership": membership, "district": membership.district, "form": form},
        status=422 if form.is_bound else 200,
    )


# Phases ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def phase_edit(request, district: str, plan_id: int, phase_id: int):
    # Phases stay editable after adoption: implementing the plan is the last of them.
    membership, plan = plan_for(request, district, plan_id, "edit")
    phase = get_object_or_404(Phase, pk=phase_id, development__plan=plan)
    form = entry_forms.PhaseForm(request.POST or None, instance=phase)
    if request.htmx and not form.is_bound:
        form.fields["status"].widget.attrs["autofocus"] = True
    context = page_context(
        membership,
        plan,
        form=form,
        phase=phase,
        can_edit=True,
        action=reverse("phase_edit", args=[district, plan_id, phase.pk]),
        back=reverse("development", args=[district, plan_id]) + f"#phase-{phase.pk}",
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            editing.record(
                plan=plan,
                actor=request.user,
                action=Change.Action.CHANGED,
                kind="phase",
                item_id=phase.pk,
                label=f"Phase {phase.order}: {phase.name}",
            )
        if not request.htmx:
            return redirect(context["back"])
        return render(request, "planning/development.html#phase", {**context, "just_saved": True})
    template = "planning/phase_edit.html#form" if request.htmx else "planning/phase_edit.html"
    return render(request, template, context, status=422 if form.is_bound else 200)


# Entries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    name: str
    model: type[models.Model]
    form: type[entry_forms.EntryForm]
    label: str
    page: str
    # The fields that make a list of siblings: SWOT entries are listed by kind, themes
    # under their outreach activity.
    grouped_by: tuple[str, ...] = ("development",)

    def of(self, development: Development) -> models.QuerySet:
        if self.model is Theme:
            return Theme.objects.filter(outreach__development=development)
        return self.model.objects.filter(development=development)

    def siblings(self, item) -> models.QuerySet:
        return self.model.objects.filter(
            **{name: item.serializable_value(name) for name in self.grouped_by}
        ).order_by("order")

    def group(self, item) -> dict:
        """What tells one list of this kind from another: {"kind": "weakness"} for SWOT
        entries, {"outreach": 12} for themes; also the query that asks for that list."""
        return {
            name: item.serializable_value(name) for name in self.grouped_by if name != "development"
        }

    def list_id(self, item) -> str:
        return "-".join([f"{self.name}-list", *map(str, self.group(item).values())])

    def list_context(self, context: dict, item) -> dict:
        """The part of the page context that one list of this kind shows."""
        if self.model is SwotEntry:
            return {"group": next(g for g in context["swot"] if g.kind == item.kind)}
        if self.model is Theme:
            return {"activity": next(a for a in context["activities"] if a.pk == item.outreach_id)}
        return {}

    def describe(self, item) -> str:
        return making.short(item, 80)

    def change_label(self, item) -> str:
        """How the plan's activity names a change of it."""
        return f"{self.label.capitalize()}: {self.describe(item)}"


ENTRIES = {
    entry.name: entry
    for entry in (
        Entry(
            "swot",
            SwotEntry,
            entry_forms.SwotForm,
            "SWOT entry",
            "development_diagnostic",
            grouped_by=("development", "kind"),
        ),
        Entry("area", StrategicArea, entry_forms.AreaForm, "strategic area", "development_input"),
        Entry(
            "outreach", Outreach, entry_forms.OutreachForm, "outreach activity", "development_input"
        ),
        Entry("theme", Theme, entry_forms.ThemeForm, "theme", "development_input", ("outreach",)),
        Entry("priority", Priority, entry_forms.PriorityForm, "priority", "development_priorities"),
    )
}


def form_for(entry: Entry, development: Development, *args, target: str, **kwargs):
    """The entry's form; its ids start with the target it is shown in, since several
    forms can be open on one page at once."""
    if entry.model is Priority:
        kwargs["codes"] = making.swot_codes(development)
    return entry.form(*args, development=development, auto_id=f"{target}-%s", **kwargs)


def new_entry(entry: Entry, development: Development, query) -> models.Model:
    """An unsaved entry in its place: a SWOT entry of the kind asked for, a theme of
    its activity; 404 when that place is not in this development."""
    item = entry.model()
    if entry.model is Theme:
        activity_id = query.get("outreach", "")
        if not activity_id.isdecimal():
            raise Http404("Say which outreach activity the theme came from")
        item.outreach = get_object_or_404(development.outreach, pk=activity_id)
    else:
        item.development = development
    if entry.model is SwotEntry:
        kind = query.get("kind", SwotEntry.Kind.STRENGTH)
        item.kind = kind if kind in SwotEntry.Kind.values else SwotEntry.Kind.STRENGTH
    return item


def entry_target(entry: Entry, item) -> str:
    return f"{entry.name}-{item.pk}"


def list_url(plan, entry: Entry, item) -> str:
    url = reverse("development_entry_list", args=[plan.district.slug, plan.pk, entry.name])
    group = entry.group(item)
    return f"{url}?{urlencode(group)}" if group else url


def render_list(request, membership, development, entry: Entry, item, **extra) -> HttpResponse:
    """One list of entries; focus (an id) and removed mark where keyboard focus goes next."""
    if "focus" in extra:
        extra["focus_entry"] = entry.name
    if extra.pop("removed", False):
        extra["removed"] = entry.list_id(item)
    context = workspace_context(membership, development, entry.page, **extra)
    template = PAGES[entry.page].template
    return render(
        request, f"{template}#{entry.name}_list", {**context, **entry.list_context(context, item)}
    )


def after_change(request, response: HttpResponse, membership, development, entry: Entry):
    """Counts of input follow every change of input, and the themes' tags every change of
    an area, out of band."""
    if request.htmx and entry.page == "development_input":
        context = {**workspace_context(membership, development, entry.page), "oob": True}
        parts = ["counts", "outreach_list"] if entry.name == "area" else ["counts"]
        for part in parts:
            response.content += render(
                request, f"planning/development_input.html#{part}", context
            ).content
    return response


@require_GET
def entry_list(request, district: str, plan_id: int, entry: str):
    membership, plan, development = development_for(request, district, plan_id)
    entry_ = ENTRIES[entry]
    if not request.htmx:
        return redirect(page_url(plan, entry_.page))
    item = new_entry(entry_, development, request.GET)
    return render_list(request, membership, development, entry_, item)


@require_http_methods(["GET", "POST"])
def entry_add(request, district: str, plan_id: int, entry: str):
    membership, plan, development = development_for(request, district, plan_id, "edit")
    entry_ = ENTRIES[entry]
    item = new_entry(entry_, development, request.GET)
    list_id = entry_.list_id(item)
    form = form_for(
        entry_, development, request.POST or None, instance=item, target=f"{list_id}-add"
    )
    if request.method == "GET" or not form.is_valid():
        return edit_form_response(
            request,
            membership,
            plan,
            form,
            target=f"{list_id}-add",
            action=request.get_full_path(),
            cancel=list_url(plan, entry_, item),
            cancel_target=list_id,
            heading=f"Add a {entry_.label}",
            back=page_url(plan, entry_.page, list_id),
            back_label="Back to the workspace",
        )

    with transaction.atomic():
        item = form.save(commit=False)
        last = entry_.siblings(item).aggregate(models.Max("order"))["order__max"] or 0
        item.order = last + 1
        item.save()
        form.save_m2m()
        editing.record(
            plan=plan,
            actor=request.user,
            action=Change.Action.ADDED,
            kind=entry_.name,
            item_id=item.pk,
            label=entry_.change_label(item),
            after=editing.plain_values(form),
        )
    if not request.htmx:
        messages.success(request, f"Added the {entry_.label} “{entry_.describe(item)}”.")
        return redirect(page_url(plan, entry_.page, entry_target(entry_, item)))
    response = render_list(request, membership, development, entry_, item, focus=item.pk)
    retarget(response, f"#{entry_.list_id(item)}")
    reswap(response, "outerHTML")
    return after_change(request, response, membership, development, entry_)


@require_GET
def entry_detail(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, development = development_for(request, district, plan_id)
    entry_ = ENTRIES[entry]
    item = get_object_or_404(entry_.of(development), pk=pk)
    if not request.htmx:
        return redirect(page_url(plan, entry_.page, entry_target(entry_, item)))
    return render_list(request, membership, development, entry_, item)


@require_http_methods(["GET", "POST"])
def entry_edit(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, development = development_for(request, district, plan_id, "edit")
    entry_ = ENTRIES[entry]
    item = get_object_or_404(entry_.of(development), pk=pk)
    target = entry_target(entry_, item)
    form_page = {
        "target": f"{target}-own",
        "action": reverse("development_entry_edit", args=[district, plan_id, entry, pk]),
        "cancel": reverse("development_entry", args=[district, plan_id, entry, pk]),
        "cancel_target": entry_.list_id(item),
        "heading": f"Edit the {entry_.label}",
        "back": page_url(plan, entry_.page, target),
        "back_label": "Back to the workspace",
        "recorded_as": (entry_.name, item.pk),
    }
    if request.method == "GET":
        form = form_for(entry_, development, instance=item, target=form_page["target"])
        return edit_form_response(request, membership, plan, form, **form_page)

    with transaction.atomic():
        item = entry_.of(development).select_for_update().get(pk=pk)
        form = form_for(
            entry_, development, request.POST, instance=item, target=form_page["target"]
        )
        if not form.is_valid() or form.conflicts:
            return edit_form_response(request, membership, plan, form, **form_page)
        editing.save_edit(
            form,
            plan=plan,
            actor=request.user,
            kind=entry_.name,
            label=entry_.change_label(item),
        )
    if not request.htmx:
        messages.success(request, f"Saved the {entry_.label}.")
        return redirect(form_page["back"])
    response = render_list(request, membership, development, entry_, item, focus=item.pk)
    retarget(response, f"#{entry_.list_id(item)}")
    reswap(response, "outerHTML")
    return after_change(request, response, membership, development, entry_)


@require_http_methods(["GET", "POST"])
def entry_delete(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, development = development_for(request, district, plan_id, "edit")
    entry_ = ENTRIES[entry]
    item = get_object_or_404(entry_.of(development), pk=pk)
    label = f"the {entry_.label} “{entry_.describe(item)}”"
    back = page_url(plan, entry_.page, entry_.list_id(item))
    if request.method == "GET":
        return render(
            request,
            "planning/delete.html",
            page_context(
                membership,
                plan,
                label=label,
                back=back,
                consequence=entry_consequence(entry_),
                verb="Remove",
            ),
        )
    with transaction.atomic():
        editing.record(
            plan=plan,
            actor=request.user,
            action=Change.Action.DELETED,
            kind=entry_.name,
            item_id=item.pk,
            label=entry_.change_label(item),
        )
        item.delete()
    if not request.htmx:
        messages.success(request, f"Removed {label}.")
        return redirect(back)
    response = render_list(request, membership, development, entry_, item, removed=True)
    return after_change(request, response, membership, development, entry_)


def entry_consequence(entry: Entry) -> str:
    return {
        "swot": "Priorities that cite it will no longer do so.",
        "area": "Themes tagged with it lose that tag.",
        "outreach": "Its themes are removed with it, and priorities no longer cite them.",
        "theme": "Priorities that cite it will no longer do so.",
        "priority": "Goals, objectives and strategies drafted from it no longer show it.",
    }[entry.name]


@require_POST
def entry_move(request, district: str, plan_id: int, entry: str, pk: int):
    membership, plan, development = development_for(request, district, plan_id, "edit")
    entry_ = ENTRIES[entry]
    item = get_object_or_404(entry_.of(development), pk=pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponse("Say whether to move up or down.", status=400)
    editing.move_item(
        item,
        kind=entry_,
        plan=plan,
        actor=request.user,
        direction=direction,
        label=entry_.change_label(item),
    )
    if not request.htmx:
        return redirect(page_url(plan, entry_.page, entry_target(entry_, item)))
    return render_list(request, membership, development, entry_, item, focus=pk, moved=direction)


# The gap analysis: carrying a measure into the draft ---------------------------------


@require_POST
def carry(request, district: str, plan_id: int, measure_id: int):
    membership, plan, development = development_for(request, district, plan_id, "edit")
    source = get_object_or_404(
        Measure.objects.select_related("plan"), pk=measure_id, plan=development.follows_id or 0
    )
    form = entry_forms.CarryForm(request.POST, places=making.places_in(plan))
    carried = None
    if form.is_valid():
        carried = making.carry_measure(
            source, development=development, under=form.cleaned_data["under"], actor=request.user
        )
    if not request.htmx:
        if carried:
            messages.success(request, f"Carried “{making.short(source)}” into the draft.")
        else:
            messages.error(request, " ".join(form.errors["under"]))
        return redirect(page_url(plan, "development_diagnostic", f"gap-{source.pk}"))
    context = workspace_context(membership, development, "development_diagnostic")
    gap = next(gap for gap in context["gaps"] if gap.measure.pk == source.pk)
    return render(
        request,
        "planning/development_diagnostic.html#gap",
        {**context, "gap": gap, "carry_form": form, "just_carried": carried},
        status=200 if carried else 422,
    )


# Adoption ----------------------------------------------------------------------------


@require_POST
def adopt(request, district: str, plan_id: int):
    _, plan, development = development_for(request, district, plan_id, "administer")
    try:
        making.adopt(development, actor=request.user)
    except making.CannotAdopt as problem:
        messages.error(request, str(problem))
        return redirect(page_url(plan, "development", "adoption"))
    follows = development.follows
    ended = f" {follows} has ended." if follows else ""
    messages.success(request, f"Adopted {plan} as version 1.{ended}")
    return redirect("plan", district, plan.pk)
