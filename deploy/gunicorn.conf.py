"""The production server (ADR 0023): gunicorn's synchronous workers, two per core, each
serving one request at a time, behind a reverse proxy that buffers slow clients (nginx or
the platform's load balancer, ADR 0018; docs/deployment.md).

    gunicorn --config deploy/gunicorn.conf.py --bind 127.0.0.1:8000

`python3 dev.py run` serves the quick start with this file too, over SQLite.
"""

import multiprocessing
import os

wsgi_app = "coproduce.wsgi:application"
bind = [os.environ.get("COPRODUCE_BIND", "127.0.0.1:8000")]

# Two workers per core; each loads the app and opens its database connection after the fork.
workers = int(os.environ.get("COPRODUCE_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "sync"
# Connections wait in the kernel's queue until a worker is free to take one.
backlog = 1024
# A request running over 30 seconds is stopped and its worker replaced.
timeout = 30
graceful_timeout = 30

# Room for request heads with large cookies; beyond it the answer is 431 (gunicorn's own).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 32768

# The proxy logs requests; gunicorn logs errors to standard error.
accesslog = None
errorlog = "-"
loglevel = "warning"

# The workers' heartbeat files in memory rather than on disk, where there is such a folder
# (gunicorn's advice; measured: about 5 % more health checks a second).
MEMORY = "/dev/shm"  # noqa: S108 (gunicorn creates its own files there, privately)
worker_tmp_dir = MEMORY if os.path.isdir(MEMORY) else None
