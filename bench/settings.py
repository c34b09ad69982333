"""Production settings plus the benchmark's own app: one bare view, the ceiling every page is compared with."""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
