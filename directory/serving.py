"""gunicorn's settings for serving the directory: `gunicorn -c python:directory.serving app:app` (`make serve`).

- `DIRECTORY_WORKERS` sync workers (default 4: searches are CPU-bound, so about two per core), bound to
  `DIRECTORY_BIND` (default 127.0.0.1:8000; put a TLS-terminating proxy in front).
- Before any worker starts, the master builds this machine's index from the database when it has none, and
  otherwise applies every change since (`health.prepare`), so a new node is ready when it first answers.
  Each worker then follows the change log into the same local index (one writer at a time, the others read).
- The access log leaves out query strings: what a person searched for and where they are is about them.
"""

from __future__ import annotations

from typing import Any

from directory.config import environment_setting

bind = str(environment_setting("BIND"))
workers = int(environment_setting("WORKERS"))
worker_class = "sync"
timeout = 120  # a worker rebuilding a missing index inside a request must not be killed for it
graceful_timeout = 20
accesslog = "-"
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'  # %(U)s: the path, no query string


def on_starting(server: Any) -> None:
    """In the master, before forking: make the index current (built from the database if missing)."""
    from directory import create_app
    from directory.health import prepare

    app = create_app()
    count = prepare(app)
    app.extensions["directory.engine"].dispose()  # no connection is shared with the workers
    server.log.info("search index ready (%d services indexed on start)", count)
