"""``fazhilint serve`` in a real browser: headless Chromium driven by Selenium and chromedriver.

Starts the server on a free local port, uploads the sample Word draft, sees the findings,
downloads the annotated copy and opens it with python-docx; the same with scripts turned off.
Screenshots of the clerk's page and the ledger at desktop and phone widths are written to
$FAZHILINT_SCREENSHOTS when it is set (to look at them), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'fazhilint[serve]')")
pytest.importorskip("selenium", reason="selenium is not installed (pip install '.[test]')")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="headless Chromium and its driver are not installed (apt-get install chromium chromium-driver)",
)
SAMPLE_DOCX = REPO / "examples" / "sample-report.docx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    data = tmp_path_factory.mktemp("serve-data")
    log = (data / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "fazhilint", "serve", "--port", str(port), "--data", str(data)],
                               cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"the server stopped: {(data / 'server.log').read_text()}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(20)
        log.close()


def browser(downloads: Path, scripts: bool = True):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(arg)
    prefs = {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    if not scripts:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_window_size(1280, 900)
    return driver


def shoot(driver, name: str, width: int, fallback: Path) -> Path:
    """A full-page screenshot at the given width."""
    folder = Path(os.environ.get("FAZHILINT_SCREENSHOTS") or fallback)
    folder.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight") if width else 900
    driver.set_window_size(width, min(max(height, 700), 4000))
    path = folder / f"{name}-{width}.png"
    driver.save_screenshot(str(path))
    return path


def upload_sample(driver, url: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url + "/")
    driver.find_element(By.ID, "files").send_keys(str(SAMPLE_DOCX))
    driver.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
    WebDriverWait(driver, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, "section.verdict")))
    return driver.find_element(By.TAG_NAME, "body").text


def test_clerk_uploads_the_sample_and_downloads_the_annotated_copy(server, tmp_path):
    from selenium.webdriver.common.by import By

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = browser(downloads)
    try:
        driver.get(server + "/")
        assert "把报告拖到这里" in driver.find_element(By.CLASS_NAME, "drop").text  # the script ran
        for width in (1280, 390):
            assert shoot(driver, "clerk", width, tmp_path).stat().st_size > 10_000
        driver.set_window_size(1280, 900)
        text = upload_sample(driver, server)
        assert "需修改" in text and "序号缺少数字" in text and "sample-report.docx" in text
        for width in (1280, 390):
            shoot(driver, "result", width, tmp_path)
        driver.set_window_size(1280, 900)
        driver.find_element(By.PARTIAL_LINK_TEXT, "下载带批注的副本").click()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not [p for p in downloads.glob("*.docx")]:
            time.sleep(0.2)
        saved = list(downloads.glob("*.docx"))
        assert [p.name for p in saved] == ["sample-report.批注.docx"]
        import docx

        comments = list(docx.Document(str(saved[0])).comments)
        assert len(comments) >= 3 and any("序号缺少数字" in c.text for c in comments)

        driver.get(server + "/ledger")
        ledger_text = driver.find_element(By.TAG_NAME, "body").text
        assert "示例镇" in ledger_text and "需修改" in ledger_text
        for width in (1280, 390):
            shoot(driver, "ledger", width, tmp_path)
    finally:
        driver.quit()


def test_the_page_works_with_scripts_off(server, tmp_path):
    from selenium.webdriver.common.by import By

    driver = browser(tmp_path, scripts=False)
    try:
        driver.get(server + "/")
        assert "选择文件" in driver.find_element(By.CLASS_NAME, "drop").text  # the plain file input
        text = upload_sample(driver, server)
        assert "序号缺少数字" in text and "需修改" in text
    finally:
        driver.quit()
