import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM is
# still used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The Chromium fixtures (browser, page) are defined once, for every test folder: a
# session fixture imported into several modules would start Playwright twice.
pytest_plugins = ["tests.browser.fixtures"]
