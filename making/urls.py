"""The pages of a plan's making, under the plan's own address."""

from django.urls import path, register_converter

from making.entries import ENTRIES
from making.views import entries, overview


class EntryConverter:
    regex = "|".join(ENTRIES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(EntryConverter, "entry")

urlpatterns = [
    path("making/undo/<int:change_id>/", entries.entry_undo, name="making_entry_undo"),
    path("making/", overview.overview, name="making"),
    path("making/phase/<int:phase_id>/", overview.phase_edit, name="phase_edit"),
    path(
        "making/diagnostic/",
        overview.diagnostic,
        name="making_diagnostic",
    ),
    path("making/input/", overview.stakeholder_input, name="making_input"),
    path(
        "making/priorities/",
        overview.priorities,
        name="making_priorities",
    ),
    path("making/adopt/", overview.adopt, name="making_adopt"),
    path("making/summary.pdf", overview.summary_pdf, name="making_pdf"),
    path(
        "making/carry/<int:measure_id>/",
        overview.carry,
        name="making_carry",
    ),
    path(
        "making/<entry:entry>/",
        entries.entry_list,
        name="making_entry_list",
    ),
    path(
        "making/<entry:entry>/add/",
        entries.entry_add,
        name="making_entry_add",
    ),
    path(
        "making/<entry:entry>/<int:pk>/",
        entries.entry_detail,
        name="making_entry",
    ),
    path(
        "making/<entry:entry>/<int:pk>/edit/",
        entries.entry_edit,
        name="making_entry_edit",
    ),
    path(
        "making/<entry:entry>/<int:pk>/delete/",
        entries.entry_delete,
        name="making_entry_delete",
    ),
    path(
        "making/<entry:entry>/<int:pk>/move/",
        entries.entry_move,
        name="making_entry_move",
    ),
]
