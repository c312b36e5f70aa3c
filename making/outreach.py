"""Stakeholder input: the outreach activities, what each brought out, and the counts per
audience and strategic area that show who has not been heard yet."""

from dataclasses import dataclass, field

from django.db import models

from making.models import Making, Outreach, StrategicArea, Theme


@dataclass
class AudienceCount:
    label: str
    activities: int = 0
    reached: int = 0
    themes: int = 0


@dataclass
class AreaCount:
    area: StrategicArea
    themes: int = 0
    heard: list[str] = field(default_factory=list)
    not_heard: list[str] = field(default_factory=list)


@dataclass
class InputCounts:
    audiences: list[AudienceCount]
    areas: list[AreaCount]

    @property
    def not_heard(self) -> list[str]:
        return [a.label for a in self.audiences if not a.activities]

    @property
    def reached(self) -> int:
        return sum(a.reached for a in self.audiences)

    @property
    def activities(self) -> int:
        return sum(a.activities for a in self.audiences)


def activities_of(making: Making) -> list[Outreach]:
    return list(
        making.outreach.order_by("order").prefetch_related(
            models.Prefetch("themes", queryset=Theme.objects.order_by("order")), "themes__areas"
        )
    )


def input_counts(activities: list[Outreach], areas: list[StrategicArea]) -> InputCounts:
    """Input per audience and per strategic area, zeros included: who has not been heard."""
    audiences = {value: AudienceCount(label) for value, label in Outreach.Audience.choices}
    by_area = {area.pk: AreaCount(area) for area in areas}
    heard = {pk: set() for pk in by_area}
    for activity in activities:
        count = audiences[activity.audience]
        count.activities += 1
        count.reached += activity.reached
        count.themes += len(activity.themes.all())
        for theme in activity.themes.all():
            for area in theme.areas.all():
                by_area[area.pk].themes += 1
                heard[area.pk].add(activity.audience)
    for pk, area in by_area.items():
        for value, count in audiences.items():
            (area.heard if value in heard[pk] else area.not_heard).append(count.label)
    return InputCounts(list(audiences.values()), list(by_area.values()))
