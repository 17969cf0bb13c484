"""WSGI entry point for production servers (gunicorn coproduce.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
application = get_wsgi_application()
