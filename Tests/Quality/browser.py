"""The headless Debian chromium that the quality scripts drive through Selenium, offline."""
import os

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not try the network

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402


def chromium(width, height=900):
    """A headless chromium driver (Debian's binary and driver, no sandbox as root) at this window size."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              f"--window-size={width},{height}"):
        options.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
