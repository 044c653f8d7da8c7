from django.apps import AppConfig


class AiGovernanceConfig(AppConfig):
    name = "opencex.aigovernance"
    label = "aigovernance"
    verbose_name = "AI governance"
