"""The models of a plan's making moved to their own app (making). Their tables stay as
they were; only Django's state forgets them here."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0009_review_charts_as_numbers'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='outreach',
                    name='development',
                ),
                migrations.RemoveField(
                    model_name='priority',
                    name='development',
                ),
                migrations.RemoveField(
                    model_name='swotentry',
                    name='development',
                ),
                migrations.RemoveField(
                    model_name='strategicarea',
                    name='development',
                ),
                migrations.RemoveField(
                    model_name='phase',
                    name='development',
                ),
                migrations.RemoveField(
                    model_name='theme',
                    name='outreach',
                ),
                migrations.RemoveField(
                    model_name='priority',
                    name='swot_entries',
                ),
                migrations.RemoveField(
                    model_name='priority',
                    name='themes',
                ),
                migrations.RemoveField(
                    model_name='objective',
                    name='priorities',
                ),
                migrations.RemoveField(
                    model_name='strategy',
                    name='priorities',
                ),
                migrations.RemoveField(
                    model_name='goal',
                    name='priorities',
                ),
                migrations.RemoveField(
                    model_name='theme',
                    name='areas',
                ),
                migrations.DeleteModel(
                    name='Development',
                ),
                migrations.DeleteModel(
                    name='Phase',
                ),
                migrations.DeleteModel(
                    name='Outreach',
                ),
                migrations.DeleteModel(
                    name='SwotEntry',
                ),
                migrations.DeleteModel(
                    name='Priority',
                ),
                migrations.DeleteModel(
                    name='StrategicArea',
                ),
                migrations.DeleteModel(
                    name='Theme',
                ),
            ],
            database_operations=[],
        ),
    ]
