"""Headless Chromium for the browser tests, through selenium and Debian's chromedriver.

Started as the machine notes say: as root without the sandbox, with every background
connection off (the network is closed) and a fresh profile each time. `chromium()`
returns None with the reason when Chromium, its driver or selenium is missing, so tests
skip saying why.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager

FLAGS = ("--headless=new", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
         "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB")


def browser() -> str | None:
    """Return the Chromium to run: Debian's, else another build of it on the PATH."""
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser",
                                                "google-chrome"))), None)


def browser_missing() -> str | None:
    """Return why the browser tests cannot run here, or None when they can."""
    if not browser():
        return "Chromium is not installed (Debian: apt-get install chromium chromium-driver)"
    if not shutil.which("chromedriver"):
        return "chromedriver is not installed (Debian: apt-get install chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def chromium(width: int = 1100, height: int = 900, script: bool = True):
    """Yield a selenium driver of a fresh headless Chromium (with JavaScript off unless
    `script`), closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="briefing-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser()
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={profile}")
    if not script:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses to run its sandbox as root
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
