"""WSGI entry point of the bench-only site: `gunicorn loadsite.wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "loadsite.settings"
application = get_wsgi_application()
