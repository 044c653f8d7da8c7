from django.apps import AppConfig
from django.db.models.signals import post_save


class SurveysConfig(AppConfig):
    name = "opencex.surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self) -> None:
        # A resident's subject access export holds their survey invitations (surveys.records).
        from opencex.inforights.export import register_export_part
        from opencex.panels.models import Membership
        from opencex.surveys.records import surveys_held_about
        from opencex.surveys.services import forget_membership

        register_export_part("surveys.json", surveys_held_about)

        # A member who leaves a panel (panels.services.leave_panel, also on erasure) takes their
        # strata and unsent answers with them: panels is below surveys, so it cannot call us.
        def member_saved(sender, instance: Membership, **kwargs) -> None:
            if instance.left_at is not None:
                forget_membership(instance)

        post_save.connect(member_saved, sender=Membership, dispatch_uid="surveys-member-left")
