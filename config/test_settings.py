"""pytest's settings: the real ones, with a key and fast password hashing."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Documents are made at once in tests; one test runs the real db_worker process instead.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if os.environ.get("TASKS_BACKEND") == "database":  # the worker that test starts
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# On SQLite the test database is a file, so that a real worker process can open it too;
# TEST_DATABASE_FILE names another, for two test runs at once in one checkout.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    name = os.environ.get("TEST_DATABASE_FILE", ".test-db.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / name)}  # noqa: F405
