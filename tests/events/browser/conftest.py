# The shared Chromium fixtures of tests/browser/.
from tests.browser.conftest import browser, page, serve_collected_static_files  # noqa: F401
