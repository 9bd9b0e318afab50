import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM is
# still used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
