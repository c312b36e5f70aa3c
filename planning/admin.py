from django.contrib import admin

from planning.models import (
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Objective,
    Plan,
    Strategy,
    VisionArea,
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
class PlanAdmin(admin.ModelAdmin):
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
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "order"]
    list_filter = ["plan__district"]
    search_fields = ["title", "statement"]
    filter_horizontal = ["graduate_attributes"]
    inlines = [ObjectiveInline, GoalStrategyInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["title", "goal", "order"]
    search_fields = ["title", "description"]


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "goal", "objective", "status", "owner"]
    list_filter = ["status", "goal__plan__district"]
    search_fields = ["text", "owner"]
