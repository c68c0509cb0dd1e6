"""Make the README's screenshots of the HTML brief and its source viewer from a real build.

    .venv/bin/python docs/screenshots.py

Builds the shipped full brief as HTML into a temporary folder, opens it in headless
Chromium (Debian's chromium and chromium-driver, with selenium from the test extras) and
writes docs/html-brief.png (the brief with a note's popover open) and docs/html-viewer.png
(the source page that note links to, its passage highlighted).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser_missing, chromium  # noqa: E402  (tests/browser.py)

from briefing.build import build  # noqa: E402
from briefing.project import Project  # noqa: E402

NOTE = 6  # a note of the key points whose passage is in the middle of its source


def main() -> int:
    missing = browser_missing()
    if missing:
        print(f"cannot make the screenshots: {missing}", file=sys.stderr)
        return 2
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build(Project(ROOT), ["full-brief"], ["html"], out, force=True)
        with chromium(1000, 760) as driver:
            driver.get((out / "full-brief.html").as_uri())
            marker = driver.find_element(By.CSS_SELECTOR, f'a.nref[href="#note-{NOTE}"]')
            driver.execute_script("window.scrollTo(0, arguments[0].getBoundingClientRect()"
                                  ".top + window.scrollY - 330)", marker)
            ActionChains(driver).move_to_element(marker).perform()
            time.sleep(0.3)
            driver.save_screenshot(str(ROOT / "docs" / "html-brief.png"))
            link = driver.find_element(By.CSS_SELECTOR, f"#note-{NOTE} a.to-source")
            driver.get(link.get_attribute("href"))
            time.sleep(0.3)
            driver.save_screenshot(str(ROOT / "docs" / "html-viewer.png"))
    print("wrote docs/html-brief.png and docs/html-viewer.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
