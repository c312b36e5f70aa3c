from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = "Plans"

    def ready(self):
        from districts.people import invitation_accepted
        from planning.updates import owned_by_invitation

        invitation_accepted.connect(owned_by_invitation, dispatch_uid="planning-owners")
