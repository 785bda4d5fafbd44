"""Settings of the benchmarks' gunicorn server: production settings plus the bench's own URLconf.

The baseline view lives only here (bench/site_urls.py), never in production URLs.
"""

from mapping_platform.settings import *  # noqa: F403

ROOT_URLCONF = "bench.site_urls"
