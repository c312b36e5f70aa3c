"""The production settings, for the gunicorn of `manage.py benchmark --concurrency`: the same
in all but where static files come from. They are read from the app's folders, so that a
throwaway run needs no collectstatic (half a minute on a small machine); the saves it times
never ask for a static file."""

from config.settings import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
