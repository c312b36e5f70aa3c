"""A free-text owner stays the owner's name; where it names exactly one member of the
plan's district (by full name or username), that member becomes the owner."""

from django.db import migrations


def owners_to_members(apps, schema_editor):
    Membership = apps.get_model("districts", "Membership")
    people: dict[int, dict[str, list]] = {}
    for membership in Membership.objects.select_related("user"):
        user = membership.user
        names = people.setdefault(membership.district_id, {})
        full = f"{user.first_name} {user.last_name}".strip().casefold()
        for name in {full, user.username.casefold()} - {""}:
            names.setdefault(name, []).append(user)
    for model_name in ("Strategy", "ActionStep"):
        model = apps.get_model("planning", model_name)
        for item in model.objects.exclude(owner="").select_related("plan"):
            found = people.get(item.plan.district_id, {}).get(item.owner.strip().casefold(), [])
            if len(found) == 1:
                model.objects.filter(pk=item.pk).update(owner_user=found[0], owner="")


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0019_owners_dates_updates_windows"),
        ("districts", "0004_password_reset_requests"),
    ]

    operations = [migrations.RunPython(owners_to_members, migrations.RunPython.noop)]
