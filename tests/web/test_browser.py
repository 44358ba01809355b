"""The pages in headless Chromium (Debian's package) through Selenium: map, document, story, incident.

Skips with a reason when chromium, chromedriver or selenium is absent (CI installs them through .ci/run).
Screenshots go to tests/artifacts/ (ignored by git).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.web.fixtures import LiveServer, build_db

CHROMIUM, DRIVER = "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
    pytest.skip("chromium or chromedriver absent (apt-get install chromium chromium-driver)", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(build_db(tmp_path_factory.mktemp("web") / "news.db")) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def shot(browser, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def wait(browser, condition, timeout: float = 15):
    return WebDriverWait(browser, timeout).until(condition)


@pytest.mark.parametrize("path, needle", [
    ("/", "Documents"), ("/timeline", "Timeline"), ("/stories", "s-1"), ("/stories/1", "Frappe sur Kharkiv"),
    ("/incidents", "contested"), ("/api/docs", "/api/events"), ("/documents/1", "Ihor Terekhov"),
])
def test_page_loads_without_script_errors(server, browser, path, needle):
    browser.get(server.url + path)
    assert needle in browser.find_element(By.TAG_NAME, "main").text
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    shot(browser, "page" + path.replace("/", "_"))


def test_map_marker_leads_to_highlighted_evidence(server, browser):
    browser.get(server.url + "/map?type=ASSAULT")
    wait(browser, lambda b: b.find_element(By.ID, "map").get_attribute("data-status") == "ready")
    wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive"))  # country outlines
    markers = browser.find_elements(By.CSS_SELECTOR, ".cluster")
    assert [m.text for m in markers] == ["2"]  # the two Kharkiv claims, clustered; Lyon's protest filtered out
    shot(browser, "map")
    markers[0].click()
    link = wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".leaflet-popup a.event-link")))
    shot(browser, "map_popup")
    link.click()
    wait(browser, EC.url_contains("/documents/1#span-event-1"))
    mark = wait(browser, EC.presence_of_element_located((By.CSS_SELECTOR, 'mark.hl-event.flash[data-record="event-1"]')))
    assert "frappe" in mark.text
    assert browser.find_element(By.CSS_SELECTOR, ".doc-text mark.hl-date").text == "3 mars 2024"
    assert browser.find_element(By.CSS_SELECTOR, ".doc-text mark.hl-quote").text == "Nous reconstruirons tout"
    browser.find_element(By.CSS_SELECTOR, ".doc-text mark.hl-place").click()
    assert browser.current_url.endswith("#rec-place-1")
    shot(browser, "document")


def test_incident_page_shows_claims_side_by_side_with_denial(server, browser):
    browser.get(server.url + "/incidents/1")
    claims = browser.find_elements(By.CSS_SELECTOR, ".claim")
    assert len(claims) == 2 and "denied" in claims[1].get_attribute("class")
    assert "✗ denied" in claims[1].text and "Le Veilleur" in claims[0].text
    shot(browser, "incident")


def test_hostile_text_renders_inert(server, browser):
    browser.get(server.url + "/documents/3")
    assert browser.execute_script("return [window.pwned, window.pwnedTitle]") == [None, None]
    assert "<script>window.pwned=1</script>" in browser.find_element(By.CSS_SELECTOR, ".doc-text").text
    assert browser.find_element(By.CSS_SELECTOR, "h1.doc-title").text.startswith("<script>")
    browser.get(server.url + "/")
    assert browser.execute_script("return window.pwnedTitle") is None
    browser.get(server.url + "/map")
    wait(browser, lambda b: b.find_element(By.ID, "map").get_attribute("data-status") == "ready")
    assert browser.execute_script("return window.pwned") is None


def test_filters_stay_in_the_url(server, browser):
    browser.get(server.url + "/?q=kharkiv")
    assert browser.find_element(By.NAME, "q").get_attribute("value") == "kharkiv"
    assert len(browser.find_elements(By.CSS_SELECTOR, "a.doc-link")) == 2
    browser.find_element(By.CSS_SELECTOR, "select[name=lang] option[value=fr]").click()
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    wait(browser, EC.url_contains("lang=fr"))
    assert "q=kharkiv" in browser.current_url
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.doc-link")] == ["Frappe sur Kharkiv"]
