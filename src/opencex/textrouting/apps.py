from django.apps import AppConfig


class TextRoutingConfig(AppConfig):
    name = "opencex.textrouting"
    label = "textrouting"
    verbose_name = "Routing free text"

    def ready(self) -> None:
        from opencex.events.consumers import register
        from opencex.textrouting.tasks import suggest_routing_for_new_case

        # Every door that opens a case records `case.created` (see opencex.cues): the routing
        # suggestion is made and recorded then, never when the case page is shown.
        register(name="text-routing", topics=("case.created",), task=suggest_routing_for_new_case)
