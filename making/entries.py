"""The entries of a plan's making as kinds of planning.editing: SWOT entries, strategic
areas, outreach activities with their themes, and priorities. Each is added, edited,
moved, removed and restored like an item of the plan, and recorded the same way; a
removed entry is kept whole with what cited it, so Undo puts all of it back."""

from dataclasses import dataclass

from django.db import models

from making import forms
from making.diagnostic import swot_codes
from making.models import Making, Outreach, Phase, Priority, StrategicArea, SwotEntry, Theme
from planning.editing import Kind, kept_whole
from planning.models import Plan


def _making(plan: Plan) -> dict:
    return {"making": plan.making}


def _making_and_codes(plan: Plan) -> dict:
    return {"making": plan.making, "codes": swot_codes(plan.making)}


def _kind(name, model, form, word, fields, relations=(), children=(), **more) -> Kind:
    read_out, put_back = kept_whole(fields, relations, children)
    return Kind(
        name,
        model,
        form,
        parents=more.pop("parents", ("making",)),
        read_out=read_out,
        put_back=put_back,
        word=word,
        form_needs=more.pop("form_needs", _making),
        **more,
    )


# Phases are edited in place, never added or removed: the five of seed 004.
PHASE = _kind(
    "phase",
    Phase,
    forms.PhaseForm,
    "phase",
    ("status", "lead", "planned_start", "planned_end", "actual_start", "actual_end"),
    form_needs=lambda plan: {},
)
THEME = _kind(
    "theme",
    Theme,
    forms.ThemeForm,
    "theme",
    ("text",),
    ("areas", "priorities"),
    parents=("outreach",),
)
ENTRIES: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        _kind(
            "swot",
            SwotEntry,
            forms.SwotForm,
            "SWOT entry",
            ("kind", "text", "evidence", "source"),
            ("priorities",),
            grouped_by=("kind",),
        ),
        _kind("area", StrategicArea, forms.AreaForm, "strategic area", ("name",), ("themes",)),
        _kind(
            "outreach",
            Outreach,
            forms.OutreachForm,
            "outreach activity",
            ("kind", "held_on", "audience", "reached", "description"),
            children=(("themes", THEME),),
        ),
        THEME,
        _kind(
            "priority",
            Priority,
            forms.PriorityForm,
            "priority",
            ("title", "description"),
            ("swot_entries", "themes", "goals", "objectives", "strategies"),
            form_needs=_making_and_codes,
        ),
    )
}


def entries_of(kind: Kind, making: Making) -> models.QuerySet:
    """The entries of that kind in this making, and no other's."""
    if kind.model is Theme:
        return Theme.objects.filter(outreach__making=making)
    return kind.model.objects.filter(making=making)


@dataclass(frozen=True)
class Place:
    """Where entries of a kind are shown: the page, and how one of its lists is told from
    another (SWOT entries are listed by kind, themes under their activity)."""

    page: str
    consequence: str  # what removing one does to the rest, as the confirmation says it


PLACES = {
    "swot": Place("making_diagnostic", "Priorities that cite it will no longer do so."),
    "area": Place("making_input", "Themes tagged with it lose that tag."),
    "outreach": Place(
        "making_input", "Its themes are removed with it, and priorities no longer cite them."
    ),
    "theme": Place("making_input", "Priorities that cite it will no longer do so."),
    "priority": Place(
        "making_priorities", "Goals, objectives and strategies drafted from it no longer show it."
    ),
}


def group(kind: Kind, item) -> dict:
    """What tells one list of this kind from another: {"kind": "weakness"} for SWOT
    entries, {"outreach": 12} for themes; also the query that asks for that list."""
    names = [*kind.grouped_by, *(p for p in kind.parents if p != "making")]
    return {name: item.serializable_value(name) for name in names}


def list_id(kind: Kind, item) -> str:
    return "-".join([f"{kind.name}-list", *map(str, group(kind, item).values())])
