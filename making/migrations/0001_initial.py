"""The models of a plan's making, moved here from planning. The tables and columns stay
as they were (db_table, db_column), so this only tells Django's state where they live
now; the database is not touched."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('planning', '0010_making_moves_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Making',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('started_at', models.DateTimeField(auto_now_add=True)),
                        ('adopted_at', models.DateTimeField(blank=True, null=True)),
                        ('adopted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('follows', models.ForeignKey(blank=True, help_text="The plan this one replaces: its measures are the gap analysis's starting point, and it ends when this one is adopted.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='followed_by', to='planning.plan')),
                        ('plan', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='making', to='planning.plan')),
                        ('started_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'planning_development',
                    },
                ),
                migrations.CreateModel(
                    name='Outreach',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveIntegerField()),
                        ('kind', models.CharField(choices=[('survey', 'Survey'), ('interview', 'Interview'), ('focus_group', 'Focus group'), ('forum', 'Community forum'), ('staff_meeting', 'Staff meeting')], max_length=15)),
                        ('held_on', models.DateField(verbose_name='Date')),
                        ('audience', models.CharField(choices=[('students', 'Students'), ('families', 'Parents and families'), ('teachers', 'Teachers and staff'), ('principals', 'Principals'), ('central_office', 'Central office staff'), ('board', 'Board or school committee'), ('community', 'Community members and partners')], max_length=15)),
                        ('reached', models.PositiveIntegerField(verbose_name='People reached')),
                        ('description', models.TextField(blank=True, max_length=2000)),
                        ('making', models.ForeignKey(db_column='development_id', on_delete=django.db.models.deletion.CASCADE, related_name='outreach', to='making.making')),
                    ],
                    options={
                        'verbose_name_plural': 'outreach activities',
                        'db_table': 'planning_outreach',
                        'ordering': ['order'],
                    },
                ),
                migrations.CreateModel(
                    name='Phase',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveSmallIntegerField()),
                        ('name', models.CharField(max_length=120)),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('under_way', 'Under way'), ('done', 'Done')], default='not_started', max_length=12)),
                        ('lead', models.CharField(blank=True, help_text='Who leads this phase.', max_length=200)),
                        ('planned_start', models.DateField(blank=True, null=True)),
                        ('planned_end', models.DateField(blank=True, null=True)),
                        ('actual_start', models.DateField(blank=True, null=True)),
                        ('actual_end', models.DateField(blank=True, null=True)),
                        ('making', models.ForeignKey(db_column='development_id', on_delete=django.db.models.deletion.CASCADE, related_name='phases', to='making.making')),
                    ],
                    options={
                        'db_table': 'planning_phase',
                        'ordering': ['order'],
                    },
                ),
                migrations.CreateModel(
                    name='StrategicArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveIntegerField()),
                        ('name', models.CharField(max_length=120)),
                        ('making', models.ForeignKey(db_column='development_id', on_delete=django.db.models.deletion.CASCADE, related_name='areas', to='making.making')),
                    ],
                    options={
                        'db_table': 'planning_strategicarea',
                        'ordering': ['order'],
                    },
                ),
                migrations.CreateModel(
                    name='SwotEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('strength', 'Strength'), ('weakness', 'Weakness'), ('opportunity', 'Opportunity'), ('threat', 'Threat')], max_length=11)),
                        ('order', models.PositiveIntegerField()),
                        ('text', models.TextField(max_length=1000, verbose_name='Entry')),
                        ('evidence', models.TextField(blank=True, help_text='What shows it.', max_length=2000)),
                        ('source', models.CharField(blank=True, help_text='Where the evidence comes from: a report, data set…', max_length=300)),
                        ('making', models.ForeignKey(db_column='development_id', on_delete=django.db.models.deletion.CASCADE, related_name='swot_entries', to='making.making')),
                    ],
                    options={
                        'verbose_name_plural': 'SWOT entries',
                        'db_table': 'planning_swotentry',
                        'ordering': ['order'],
                    },
                ),
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveIntegerField()),
                        ('text', models.TextField(max_length=1000, verbose_name='Theme')),
                        ('areas', models.ManyToManyField(blank=True, db_table='planning_theme_areas', related_name='themes', to='making.strategicarea')),
                        ('outreach', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='themes', to='making.outreach')),
                    ],
                    options={
                        'db_table': 'planning_theme',
                        'ordering': ['order'],
                    },
                ),
                migrations.CreateModel(
                    name='Priority',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('order', models.PositiveIntegerField()),
                        ('title', models.CharField(max_length=200)),
                        ('description', models.TextField(blank=True, max_length=2000)),
                        ('goals', models.ManyToManyField(blank=True, db_table='planning_goal_priorities', related_name='priorities', to='planning.goal')),
                        ('making', models.ForeignKey(db_column='development_id', on_delete=django.db.models.deletion.CASCADE, related_name='priorities', to='making.making')),
                        ('objectives', models.ManyToManyField(blank=True, db_table='planning_objective_priorities', related_name='priorities', to='planning.objective')),
                        ('strategies', models.ManyToManyField(blank=True, db_table='planning_strategy_priorities', related_name='priorities', to='planning.strategy')),
                        ('swot_entries', models.ManyToManyField(blank=True, db_table='planning_priority_swot_entries', related_name='priorities', to='making.swotentry')),
                        ('themes', models.ManyToManyField(blank=True, db_table='planning_priority_themes', related_name='priorities', to='making.theme')),
                    ],
                    options={
                        'verbose_name_plural': 'priorities',
                        'db_table': 'planning_priority',
                        'ordering': ['order'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='outreach',
                    constraint=models.UniqueConstraint(fields=('making', 'order'), name='outreach_order_unique'),
                ),
                migrations.AddConstraint(
                    model_name='phase',
                    constraint=models.UniqueConstraint(fields=('making', 'order'), name='phase_order_unique'),
                ),
                migrations.AddConstraint(
                    model_name='phase',
                    constraint=models.CheckConstraint(condition=models.Q(('planned_end__isnull', True), ('planned_start__isnull', True), ('planned_end__gte', models.F('planned_start')), _connector='OR'), name='phase_planned_ends_after_it_starts'),
                ),
                migrations.AddConstraint(
                    model_name='phase',
                    constraint=models.CheckConstraint(condition=models.Q(('actual_end__isnull', True), ('actual_start__isnull', True), ('actual_end__gte', models.F('actual_start')), _connector='OR'), name='phase_actual_ends_after_it_starts'),
                ),
                migrations.AddConstraint(
                    model_name='strategicarea',
                    constraint=models.UniqueConstraint(fields=('making', 'order'), name='area_order_unique'),
                ),
                migrations.AddConstraint(
                    model_name='strategicarea',
                    constraint=models.UniqueConstraint(fields=('making', 'name'), name='area_name_unique'),
                ),
                migrations.AddConstraint(
                    model_name='swotentry',
                    constraint=models.UniqueConstraint(fields=('making', 'kind', 'order'), name='swot_order_unique_in_kind'),
                ),
                migrations.AddConstraint(
                    model_name='theme',
                    constraint=models.UniqueConstraint(fields=('outreach', 'order'), name='theme_order_unique'),
                ),
                migrations.AddConstraint(
                    model_name='priority',
                    constraint=models.UniqueConstraint(fields=('making', 'order'), name='priority_order_unique'),
                ),
            ],
            database_operations=[],
        ),
    ]
