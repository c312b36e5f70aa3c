"""A plan's own structure: its levels and their names and numbering, a level above goals
and one below strategies, sections beside the tree, codes as the district writes them,
and items that hang on any broader item. This adds what is new; 0012 moves the data;
0013 tightens what the data now allows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0010_making_moves_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ActionStep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveIntegerField()),
                ('code', models.CharField(blank=True, help_text='As the district writes it: 1.A, 4.C, CPM 1.1.', max_length=40)),
                ('text', models.TextField(max_length=2000)),
                ('sub_points', models.JSONField(blank=True, default=list)),
                ('owner', models.CharField(blank=True, max_length=200)),
                ('start_year', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('end_year', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('status', models.CharField(choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('complete', 'Complete'), ('on_hold', 'On hold'), ('discontinued', 'Discontinued')], default='not_started', max_length=15)),
                ('cost', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True)),
                ('funding_source', models.CharField(blank=True, max_length=200)),
            ],
            options={
                'ordering': ['order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Level',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slot', models.CharField(choices=[('pillar', 'Above goals'), ('goal', 'Goals'), ('objective', 'Objectives'), ('strategy', 'Strategies'), ('action_step', 'Below strategies'), ('measure', 'Measures')], max_length=12)),
                ('used', models.BooleanField(default=True)),
                ('singular', models.CharField(max_length=60, verbose_name='Name')),
                ('plural', models.CharField(max_length=60, verbose_name='Plural')),
                ('numbering', models.CharField(choices=[('outline', "After its parent's number (1, 1.1, 1.1.1)"), ('per_parent', 'Counted under each parent (Goal 3 of Aim 2)'), ('continuous', 'Counted across the whole plan (Aim 1 to Aim 20)'), ('typed', 'A code typed for each item, shown as typed (1.A, CPM 1.1)'), ('none', 'Not numbered')], default='outline', max_length=10)),
                ('style', models.CharField(choices=[('digits', '1, 2, 3'), ('upper', 'A, B, C'), ('lower', 'a, b, c'), ('roman', 'I, II, III'), ('roman_lower', 'i, ii, iii')], default='digits', max_length=12, verbose_name='Numbers')),
            ],
        ),
        migrations.CreateModel(
            name='Pillar',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveIntegerField()),
                ('code', models.CharField(blank=True, help_text='As the district writes it: 1.A, 4.C, CPM 1.1.', max_length=40)),
                ('title', models.CharField(max_length=300)),
                ('statement', models.TextField(blank=True, max_length=4000)),
            ],
            options={
                'ordering': ['order'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Section',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveIntegerField()),
                ('name', models.CharField(help_text='As the plan heads it.', max_length=120, verbose_name='Heading')),
                ('item_label', models.CharField(help_text='Guardrail, Superintendent Constraint…', max_length=60, verbose_name='What one item is called')),
                ('measure_label', models.CharField(help_text='Constraint Progress Measure, Interim guardrail…', max_length=60, verbose_name='What its measures are called')),
                ('measure_plural', models.CharField(max_length=60, verbose_name='Its measures, plural')),
                ('prefix', models.CharField(help_text="Starts its measures' references where the plan gives them no code (G1.M1).", max_length=10, verbose_name='Short code')),
                ('numbering', models.CharField(choices=[('outline', "After its parent's number (1, 1.1, 1.1.1)"), ('per_parent', 'Counted under each parent (Goal 3 of Aim 2)'), ('continuous', 'Counted across the whole plan (Aim 1 to Aim 20)'), ('typed', 'A code typed for each item, shown as typed (1.A, CPM 1.1)'), ('none', 'Not numbered')], default='per_parent', max_length=10)),
                ('style', models.CharField(choices=[('digits', '1, 2, 3'), ('upper', 'A, B, C'), ('lower', 'a, b, c'), ('roman', 'I, II, III'), ('roman_lower', 'i, ii, iii')], default='digits', max_length=12, verbose_name='Numbers')),
            ],
            options={
                'ordering': ['order'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='goal',
            name='goal_order_unique_in_plan',
        ),
        migrations.RemoveConstraint(
            model_name='guardrail',
            name='guardrail_order_unique_in_plan',
        ),
        migrations.RemoveConstraint(
            model_name='objective',
            name='objective_order_unique_in_goal',
        ),
        migrations.RemoveConstraint(
            model_name='strategy',
            name='strategy_order_unique_in_goal',
        ),
        migrations.AddField(
            model_name='goal',
            name='code',
            field=models.CharField(blank=True, help_text='As the district writes it: 1.A, 4.C, CPM 1.1.', max_length=40),
        ),
        migrations.AddField(
            model_name='guardrail',
            name='code',
            field=models.CharField(blank=True, help_text='As the district writes it.', max_length=40),
        ),
        migrations.AddField(
            model_name='guardrail',
            name='title',
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name='objective',
            name='code',
            field=models.CharField(blank=True, help_text='As the district writes it: 1.A, 4.C, CPM 1.1.', max_length=40),
        ),
        migrations.AddField(
            model_name='objective',
            name='plan',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='objectives', to='planning.plan'),
        ),
        migrations.AddField(
            model_name='plan',
            name='years_are',
            field=models.CharField(choices=[('school', 'School years (2023–24)'), ('calendar', 'Calendar years (2024)')], default='school', help_text='How its years, targets and results are named.', max_length=8, verbose_name='The plan speaks in'),
        ),
        migrations.AddField(
            model_name='strategy',
            name='code',
            field=models.CharField(blank=True, help_text='As the district writes it: 1.A, 4.C, CPM 1.1.', max_length=40),
        ),
        migrations.AddField(
            model_name='strategy',
            name='plan',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='strategies', to='planning.plan'),
        ),
        migrations.AlterField(
            model_name='assessment',
            name='goal',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='planning.goal'),
        ),
        migrations.AlterField(
            model_name='objective',
            name='goal',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='objectives', to='planning.goal'),
        ),
        migrations.AlterField(
            model_name='strategy',
            name='goal',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='strategies', to='planning.goal'),
        ),
        migrations.AddField(
            model_name='actionstep',
            name='goal',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='action_steps', to='planning.goal'),
        ),
        migrations.AddField(
            model_name='actionstep',
            name='objective',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='action_steps', to='planning.objective'),
        ),
        migrations.AddField(
            model_name='actionstep',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_steps', to='planning.plan'),
        ),
        migrations.AddField(
            model_name='actionstep',
            name='strategy',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='action_steps', to='planning.strategy'),
        ),
        migrations.AddField(
            model_name='level',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='levels', to='planning.plan'),
        ),
        migrations.AddField(
            model_name='pillar',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pillars', to='planning.plan'),
        ),
        migrations.AddField(
            model_name='actionstep',
            name='pillar',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='action_steps', to='planning.pillar'),
        ),
        migrations.AddField(
            model_name='assessment',
            name='pillar',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='planning.pillar'),
        ),
        migrations.AddField(
            model_name='goal',
            name='pillar',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='goals', to='planning.pillar'),
        ),
        migrations.AddField(
            model_name='objective',
            name='pillar',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='objectives', to='planning.pillar'),
        ),
        migrations.AddField(
            model_name='strategy',
            name='pillar',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='strategies', to='planning.pillar'),
        ),
        migrations.AddField(
            model_name='section',
            name='plan',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='planning.plan'),
        ),
        migrations.AddField(
            model_name='guardrail',
            name='section',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='items', to='planning.section'),
        ),
        migrations.AddConstraint(
            model_name='guardrail',
            constraint=models.UniqueConstraint(fields=('section', 'order'), name='guardrail_order_unique_in_section'),
        ),
        migrations.AddConstraint(
            model_name='level',
            constraint=models.UniqueConstraint(fields=('plan', 'slot'), name='one_level_per_slot'),
        ),
        migrations.AddConstraint(
            model_name='pillar',
            constraint=models.UniqueConstraint(fields=('plan', 'order'), name='pillar_order_unique'),
        ),
        migrations.AddConstraint(
            model_name='actionstep',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('goal__isnull', True), ('objective__isnull', True), ('pillar__isnull', True), ('strategy__isnull', True)), models.Q(('goal__isnull', True), ('objective__isnull', True), ('pillar__isnull', False), ('strategy__isnull', True)), models.Q(('goal__isnull', False), ('objective__isnull', True), ('pillar__isnull', True), ('strategy__isnull', True)), models.Q(('goal__isnull', True), ('objective__isnull', False), ('pillar__isnull', True), ('strategy__isnull', True)), models.Q(('goal__isnull', True), ('objective__isnull', True), ('pillar__isnull', True), ('strategy__isnull', False)), _connector='OR'), name='action_step_has_at_most_one_parent'),
        ),
        migrations.AddConstraint(
            model_name='actionstep',
            constraint=models.UniqueConstraint(condition=models.Q(('goal__isnull', True), ('objective__isnull', True), ('pillar__isnull', True), ('strategy__isnull', True)), fields=('plan', 'order'), name='action_step_order_unique_in_plan'),
        ),
        migrations.AddConstraint(
            model_name='actionstep',
            constraint=models.UniqueConstraint(condition=models.Q(('pillar__isnull', False)), fields=('pillar', 'order'), name='action_step_order_unique_in_pillar'),
        ),
        migrations.AddConstraint(
            model_name='actionstep',
            constraint=models.UniqueConstraint(condition=models.Q(('goal__isnull', False)), fields=('goal', 'order'), name='action_step_order_unique_in_goal'),
        ),
        migrations.AddConstraint(
            model_name='actionstep',
            constraint=models.UniqueConstraint(condition=models.Q(('objective__isnull', False)), fields=('objective', 'order'), name='action_step_order_unique_in_objective'),
        ),
        migrations.AddConstraint(
            model_name='actionstep',
            constraint=models.UniqueConstraint(condition=models.Q(('strategy__isnull', False)), fields=('strategy', 'order'), name='action_step_order_unique_in_strategy'),
        ),
        migrations.AddConstraint(
            model_name='actionstep',
            constraint=models.CheckConstraint(condition=models.Q(('end_year__isnull', True), ('start_year__isnull', True), ('end_year__gte', models.F('start_year')), _connector='OR'), name='action_step_timeline_ends_after_start'),
        ),
        migrations.AddConstraint(
            model_name='section',
            constraint=models.UniqueConstraint(fields=('plan', 'order'), name='section_order_unique_in_plan'),
        ),
    ]
