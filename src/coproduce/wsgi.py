"""WSGI entry point for production servers (uWSGI: deploy/uwsgi.ini, ADR 0020)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
application = get_wsgi_application()
