"""WSGI entry point for production servers (uWSGI: deploy/uwsgi.ini, ADR 0020)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
application = get_wsgi_application()

# What is loaded by now (modules, classes, settings, URL patterns) lives as long as the
# process: set it aside so that the garbage collector's passes over old objects, which a
# stream of requests sets off again and again, no longer walk it all (ADR 0020).
gc.freeze()
