# Marketplace Messaging Interactions: one image, migrations before gunicorn, non-root.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /srv/app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml constraints.txt README.md ./
RUN mkdir -p app schemas seed \
    && touch app/__init__.py schemas/__init__.py seed/__init__.py \
    && pip install -c constraints.txt . \
    && pip uninstall -y marketplace-messaging-interactions

COPY alembic.ini gunicorn.conf.py openapi.yaml ./
COPY app ./app
COPY schemas ./schemas
COPY seed ./seed
COPY migrations ./migrations
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh

RUN useradd --system --uid 10001 --home /srv/app --shell /usr/sbin/nologin mmi \
    && mkdir -p /srv/app/var && chown mmi /srv/app/var
USER mmi

ENV HOST=0.0.0.0 PORT=8000 DATABASE_URL=sqlite:////srv/app/var/marketplace.db
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/health', timeout=2)"

ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:create_app()"]
