"""What the pages of a plan's making share: finding the making for the person asking,
each page's context, and one list of entries rendered as its page shows it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode

from making import forms, summary
from making.adoption import overlapping_plans
from making.diagnostic import gap_analysis, places_in, swot_codes, swot_groups
from making.entries import PLACES, group, list_id
from making.models import Making, SwotEntry, Theme
from making.outreach import activities_of, input_counts
from making.summary import priorities_of
from planning.access import plan_for
from planning.editing import Kind
from planning.pages import out_of_band, page_context


def making_for(request, district: str, plan_id: int, ability: str = "read"):
    """The plan and its making, checked like the plan; to edit, only while it is made."""
    membership, plan = plan_for(request, district, plan_id, ability)
    making = get_object_or_404(Making.objects.select_related("follows", "adopted_by"), plan=plan)
    making.plan = plan
    if ability == "edit" and making.is_adopted:
        raise PermissionDenied("The plan is adopted: the record of how it was made is kept.")
    return membership, plan, making


def page_url(plan, page: str, anchor: str = "") -> str:
    url = reverse(page, args=[plan.district.slug, plan.pk])
    return f"{url}#{anchor}" if anchor else url


def _overview(making: Making) -> dict:
    return {
        "summary": summary.summary(making),
        "overlapping": overlapping_plans(making).first(),
    }


def _diagnostic(making: Making) -> dict:
    places = places_in(making.plan)
    return {
        "swot": swot_groups(making),
        "gaps": gap_analysis(making),
        "places": places,
        "carry_form": forms.CarryForm(places=places),
    }


def _input(making: Making) -> dict:
    areas = list(making.areas.order_by("order"))
    activities = activities_of(making)
    return {"areas": areas, "activities": activities, "counts": input_counts(activities, areas)}


def _priorities(making: Making) -> dict:
    return {"priorities": priorities_of(making, swot_codes(making))}


@dataclass(frozen=True)
class Page:
    template: str
    context: Callable[[Making], dict]
    name: str = ""  # as the breadcrumbs say it; the overview has none


PAGES = {
    "making": Page("making/overview.html", _overview),
    "making_diagnostic": Page("making/diagnostic.html", _diagnostic, "Diagnostic"),
    "making_input": Page("making/input.html", _input, "Stakeholder input"),
    "making_priorities": Page("making/priorities.html", _priorities, "Priorities"),
}


def making_context(membership, making: Making, page: str, **extra) -> dict:
    return page_context(
        membership,
        making.plan,
        making=making,
        can_edit=membership.can_edit and not making.is_adopted,
        page=page,
        page_name=PAGES[page].name,
        **PAGES[page].context(making),
        **extra,
    )


def new_entry(kind: Kind, making: Making, query):
    """An unsaved entry in its place: a SWOT entry of the kind asked for, a theme of
    its activity; 404 when that place is not in this making."""
    item = kind.model()
    if kind.model is Theme:
        activity_id = query.get("outreach", "")
        if not activity_id.isdecimal():
            raise Http404("Say which outreach activity the theme came from")
        item.outreach = get_object_or_404(making.outreach, pk=activity_id)
    else:
        item.making = making
    if kind.model is SwotEntry:
        swot_kind = query.get("kind", SwotEntry.Kind.STRENGTH)
        valid = swot_kind in SwotEntry.Kind.values
        item.kind = swot_kind if valid else SwotEntry.Kind.STRENGTH
    return item


def list_url(plan, kind: Kind, item) -> str:
    url = reverse("making_entry_list", args=[plan.district.slug, plan.pk, kind.name])
    where = group(kind, item)
    return f"{url}?{urlencode(where)}" if where else url


def render_list(
    request, membership, making, kind: Kind, item, changed: bool = False, **extra
) -> HttpResponse:
    """One list of entries. focus (an id) and removed mark where keyboard focus goes next;
    undo_change offers to put back what was just removed; after a change, what counts
    the entries is sent too."""
    if "focus" in extra:
        extra["focus_entry"] = kind.name
    if extra.pop("removed", False):
        extra["removed"] = list_id(kind, item)
    page = PLACES[kind.name].page
    context = making_context(membership, making, page, **extra)
    if kind.model is SwotEntry:
        context["group"] = next(g for g in context["swot"] if g.kind == item.kind)
    if kind.model is Theme:
        context["activity"] = next(a for a in context["activities"] if a.pk == item.outreach_id)
    response = render(request, f"{PAGES[page].template}#{kind.name}_list", context)
    # Counts of input follow every change of input, and the themes' tags every change
    # of an area.
    if changed and page == "making_input":
        parts = ["counts", "outreach_list"] if kind.name == "area" else ["counts"]
        out_of_band(request, response, *((f"making/input.html#{part}", context) for part in parts))
    return response
