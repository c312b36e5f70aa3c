"""The structure, tightened once the data is in place: every objective and strategy
keeps its plan, every guardrail its section; the levels' names live in Level; an item
has at most one parent, and one place among its parent's children."""

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [("planning", "0012_structure_data")]

    operations = [
        migrations.AlterField(
            model_name="objective",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="objectives",
                to="planning.plan",
            ),
        ),
        migrations.AlterField(
            model_name="strategy",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="strategies",
                to="planning.plan",
            ),
        ),
        migrations.AlterField(
            model_name="guardrail",
            name="section",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="items",
                to="planning.section",
            ),
        ),
        migrations.RemoveField(model_name="plan", name="goal_label"),
        migrations.RemoveField(model_name="plan", name="objective_label"),
        migrations.RemoveField(model_name="plan", name="strategy_label"),
        migrations.RemoveField(model_name="plan", name="measure_label"),
        migrations.AddConstraint(
            model_name='assessment',
            constraint=models.UniqueConstraint(fields=('review', 'pillar'), name='one_assessment_per_pillar'),
        ),
        migrations.AddConstraint(
            model_name='goal',
            constraint=models.CheckConstraint(condition=models.Q(('pillar__isnull', True), ('pillar__isnull', False), _connector='OR'), name='goal_has_at_most_one_parent'),
        ),
        migrations.AddConstraint(
            model_name='goal',
            constraint=models.UniqueConstraint(condition=models.Q(('pillar__isnull', True)), fields=('plan', 'order'), name='goal_order_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='goal',
            constraint=models.UniqueConstraint(condition=models.Q(('pillar__isnull', False)), fields=('pillar', 'order'), name='goal_order_unique_in_pillar'),
        ),
        migrations.AddConstraint(
            model_name='objective',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('goal__isnull', True), ('pillar__isnull', True)), models.Q(('goal__isnull', True), ('pillar__isnull', False)), models.Q(('goal__isnull', False), ('pillar__isnull', True)), _connector='OR'), name='objective_has_at_most_one_parent'),
        ),
        migrations.AddConstraint(
            model_name='objective',
            constraint=models.UniqueConstraint(condition=models.Q(('goal__isnull', True), ('pillar__isnull', True)), fields=('plan', 'order'), name='objective_order_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='objective',
            constraint=models.UniqueConstraint(condition=models.Q(('pillar__isnull', False)), fields=('pillar', 'order'), name='objective_order_unique_in_pillar'),
        ),
        migrations.AddConstraint(
            model_name='objective',
            constraint=models.UniqueConstraint(condition=models.Q(('goal__isnull', False)), fields=('goal', 'order'), name='objective_order_unique_in_goal'),
        ),
        migrations.AddConstraint(
            model_name='strategy',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('goal__isnull', True), ('objective__isnull', True), ('pillar__isnull', True)), models.Q(('goal__isnull', True), ('objective__isnull', True), ('pillar__isnull', False)), models.Q(('goal__isnull', False), ('objective__isnull', True), ('pillar__isnull', True)), models.Q(('goal__isnull', True), ('objective__isnull', False), ('pillar__isnull', True)), _connector='OR'), name='strategy_has_at_most_one_parent'),
        ),
        migrations.AddConstraint(
            model_name='strategy',
            constraint=models.UniqueConstraint(condition=models.Q(('goal__isnull', True), ('objective__isnull', True), ('pillar__isnull', True)), fields=('plan', 'order'), name='strategy_order_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='strategy',
            constraint=models.UniqueConstraint(condition=models.Q(('pillar__isnull', False)), fields=('pillar', 'order'), name='strategy_order_unique_in_pillar'),
        ),
        migrations.AddConstraint(
            model_name='strategy',
            constraint=models.UniqueConstraint(condition=models.Q(('goal__isnull', False)), fields=('goal', 'order'), name='strategy_order_unique_in_goal'),
        ),
    ]
