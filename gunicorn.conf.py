"""gunicorn settings: threads, not greenlets (sessions belong to an app context, not a greenlet)."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
graceful_timeout = 20
keepalive = 5
# Forwarded headers are the app's business (TRUSTED_PROXIES, werkzeug's ProxyFix): gunicorn
# itself would take X-Forwarded-Proto from any local peer, even with TRUSTED_PROXIES=0.
forwarded_allow_ips = ""
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
# Workers are recycled now and then so that a slow leak cannot grow without bound.
max_requests = 5000
max_requests_jitter = 500
