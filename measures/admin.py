from django.contrib import admin

from measures.models import Result, Revision, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class ResultInline(admin.TabularInline):
    model = Result
    extra = 0
    readonly_fields = ["entered_at"]


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    readonly_fields = ["changed_at"]


# Registered by planning.admin, which records each save in the plan's history.
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "kind", "unit", "direction", "target_form"]
    list_filter = ["kind", "direction", "target_form", "plan__district"]
    search_fields = ["name", "data_source"]
    raw_id_fields = ["plan", "goal", "objective", "strategy", "guardrail"]
    filter_horizontal = ["breakdown"]
    inlines = [TargetInline, ResultInline, RevisionInline]


# Registered by planning.admin, which records a rename on the plans that show the group.
class StudentGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "order"]
    list_filter = ["district"]
