#!/bin/sh
# Migrate, then hand the process over to the command (gunicorn by default).
set -e
alembic upgrade head
exec "$@"
