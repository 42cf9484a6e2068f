# Jeugdregio: one image for the web process (gunicorn), the one-off migrations and the worker.
# docs/operations.md, "Container", says how to build, run and upgrade it.
FROM python:3.11-slim-bookworm

# WeasyPrint's system libraries (Pango through cffi; HarfBuzz's subset library makes font
# subsetting about ten times faster). The PDFs use the fonts shipped in static/fonts; DejaVu is
# fontconfig's fallback for characters outside their Latin subset.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# Production packages only, every file checked against its hash (the test tools are in
# requirements-test.lock, which the image never sees).
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
    && pip install --require-hashes -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock

WORKDIR /app
COPY . /app

# Static files are collected into the image (STATIC_ROOT=/app/staticfiles; whitenoise serves
# them). Outside DEBUG the settings require SECRET_KEY and DATABASE_URL: these placeholders
# exist for this one command only, are never stored in the image, and no database is opened.
RUN SECRET_KEY=build-time-placeholder DATABASE_URL=sqlite://:memory: \
    python manage.py collectstatic --noinput

# A fixed, unprivileged uid, so volumes and a pod's securityContext can name it. The code stays
# owned by root: the app writes nothing under /app (documents go to the database or S3).
RUN groupadd --gid 10001 jeugdregio \
    && useradd --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin jeugdregio
USER 10001:10001

ENV GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000

# /livez answers before host validation and the HTTPS redirect, and never opens the database.
# The image has no curl: Python's urllib asks instead (urlopen raises on anything but 2xx/3xx).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/livez', timeout=3)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py"]
