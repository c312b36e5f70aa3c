"""Closed reviews kept their charts as SVG markup; charts are numbers now, drawn by a
template. Markup cannot be turned back into numbers, so those charts are dropped from
the records (the page says no chart was kept); results, statuses and assessments stay."""

from django.db import migrations


def drop_markup(apps, schema_editor):
    Review = apps.get_model("planning", "Review")
    for review in Review.objects.exclude(record=None):
        changed = False
        for goal in review.record.get("goals", []):
            for measure in goal.get("measures", []):
                if isinstance(measure.get("chart"), str):
                    measure["chart"] = None
                    changed = True
                changed |= measure.pop("legend", None) is not None
        if changed:
            review.save(update_fields=["record"])


class Migration(migrations.Migration):
    dependencies = [("planning", "0008_plan_development_workspace")]

    operations = [migrations.RunPython(drop_markup, migrations.RunPython.noop)]
