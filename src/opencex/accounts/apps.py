from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opencex.accounts"
    label = "accounts"
    verbose_name = "Accounts"
