# syntax=docker/dockerfile:1
# One image for web (gunicorn), worker and beat (celery) and the migrate job;
# docker-compose.yml picks the command. Runs as a non-root user on a read-only root.
FROM python:3.12-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=mapping_platform.settings \
    MEDIA_ROOT=/app/var/uploads \
    HOME=/tmp \
    XDG_CACHE_HOME=/tmp/.cache \
    WEB_CONCURRENCY=2

# WeasyPrint's native libraries, and fonts for the workers' scripts (Noto covers
# Thai, Burmese, Devanagari, Khmer, Bengali; Noto CJK adds Chinese).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fonts-liberation fonts-noto-core fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

# Static files are collected into the image (served by WhiteNoise); the key only
# exists for this build step. Bytecode is compiled here because the root
# filesystem is read-only at run time.
RUN SECRET_KEY=build-only-not-a-secret DEBUG=false python manage.py collectstatic --noinput \
 && python -m compileall -q /app \
 && mkdir -p /app/var/uploads \
 && chown -R app:app /app/var

USER 10001:10001

EXPOSE 8000

# Workers: WEB_CONCURRENCY (gunicorn reads it; 2 suits 2 cores). More options: GUNICORN_CMD_ARGS.
CMD ["gunicorn", "mapping_platform.wsgi", \
     "--bind", "0.0.0.0:8000", \
     "--worker-tmp-dir", "/dev/shm", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--max-requests", "2000", \
     "--max-requests-jitter", "200", \
     "--error-logfile", "-"]
