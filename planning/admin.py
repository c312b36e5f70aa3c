from django.contrib import admin

from measures.admin import MeasureAdmin
from measures.models import Measure
from planning.editing import record
from planning.models import (
    Change,
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Objective,
    Plan,
    Strategy,
    VisionArea,
)


class RecordsChanges:
    """A save through the admin is recorded like one through the plan's pages, so that the
    plan's history tells it and the plan page, which is kept between changes, shows it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.record(request, obj, Change.Action.CHANGED if change else Change.Action.ADDED)

    def delete_model(self, request, obj):
        self.record(request, obj, Change.Action.DELETED)
        super().delete_model(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            self.record(request, form.instance, Change.Action.CHANGED)

    def record(self, request, obj, action):
        plan = obj if isinstance(obj, Plan) else obj.plan
        record(
            plan=plan,
            actor=request.user,
            action=action,
            kind=obj._meta.model_name,
            item_id=obj.pk,
            label=f"{obj} (in the admin)",
            scope="plan",
        )


class CoreValueInline(admin.StackedInline):
    model = CoreValue
    extra = 0


class VisionAreaInline(admin.StackedInline):
    model = VisionArea
    extra = 0


class GraduateAttributeInline(admin.StackedInline):
    model = GraduateAttribute
    extra = 0


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    fields = ["order", "title", "statement"]
    show_change_link = True


class GuardrailInline(admin.StackedInline):
    model = Guardrail
    extra = 0


@admin.register(Plan)
class PlanAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["title", "district", "start_year", "end_year", "status"]
    list_filter = ["status", "district"]
    search_fields = ["title", "district__name"]
    inlines = [
        VisionAreaInline,
        CoreValueInline,
        GraduateAttributeInline,
        GoalInline,
        GuardrailInline,
    ]


class ObjectiveInline(admin.StackedInline):
    model = Objective
    extra = 0
    show_change_link = True


class GoalStrategyInline(admin.StackedInline):
    model = Strategy
    extra = 0
    fk_name = "goal"
    fields = ["order", "objective", "text", "sub_points", "owner", "status"]


@admin.register(Goal)
class GoalAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["__str__", "plan", "order"]
    list_filter = ["plan__district"]
    search_fields = ["title", "statement"]
    filter_horizontal = ["graduate_attributes"]
    inlines = [ObjectiveInline, GoalStrategyInline]


@admin.register(Objective)
class ObjectiveAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["title", "goal", "order"]
    search_fields = ["title", "description"]


@admin.register(Strategy)
class StrategyAdmin(RecordsChanges, admin.ModelAdmin):
    list_display = ["__str__", "goal", "objective", "status", "owner"]
    list_filter = ["status", "goal__plan__district"]
    search_fields = ["text", "owner"]


@admin.register(Measure)
class RecordedMeasureAdmin(RecordsChanges, MeasureAdmin):
    pass
