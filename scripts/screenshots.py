"""Screenshots of the main pages against a running server (make run), for looking at them.

    .venv/bin/python scripts/screenshots.py [base-url] [out-dir]

Logs in as the demo leader, pairs a wall screen through the UI, and writes PNGs at desktop,
phone and 1920×1080 wall-screen sizes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e import chromium

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")


def login(page, email: str) -> None:
    page.goto(f"{BASE}/log-ind/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", "demo1234")
    page.click("button[type=submit]")
    page.wait_for_url(f"{BASE}/")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.EXECUTABLE, args=chromium.ARGS)
        desktop = browser.new_context(viewport={"width": 1440, "height": 900})
        page = desktop.new_page()
        page.goto(f"{BASE}/log-ind/")
        page.screenshot(path=OUT / "login.png")
        login(page, "leder@demo.dk")
        page.screenshot(path=OUT / "dashboard.png", full_page=True)
        page.click("text=Åbn handleplanen >> nth=0")
        page.wait_for_selector("#board")
        board_url = page.url
        amg = board_url.rstrip("/").split("/")[-2]
        page.screenshot(path=OUT / "board.png", full_page=True)
        page.click(".card-title a >> nth=3")
        page.wait_for_selector("dialog[open]")
        page.screenshot(path=OUT / "card-detail.png")
        page.keyboard.press("Escape")
        page.click(".card .icon-button[href*='rediger'] >> nth=2")
        page.wait_for_selector("dialog[open] form")
        page.screenshot(path=OUT / "card-edit.png")
        page.keyboard.press("Escape")
        page.goto(f"{BASE}/amg/{amg}/dokumentation/")
        page.screenshot(path=OUT / "inspection.png", full_page=True)
        page.goto(f"{BASE}/amg/{amg}/skaerme/")
        page.fill("input[name=name]", "Personalestuen")
        page.click("text=Opret og vis parringslink")
        link = page.input_value("#pairing-url")
        page.screenshot(path=OUT / "screens.png", full_page=True)
        # Ideas, the matrix, meetings and the public idea form.
        for path, name in [
            ("ideer/", "ideas"),
            ("prioritering/", "matrix"),
            ("moeder/", "meetings"),
        ]:
            page.goto(f"{BASE}/amg/{amg}/{path}")
            page.screenshot(path=OUT / f"{name}.png", full_page=True)
        page.goto(f"{BASE}/amg/{amg}/ideer/")
        idea_link = page.input_value("#idea-url")

        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        mpage = phone.new_page()
        login(mpage, "amr@demo.dk")
        mpage.goto(board_url)
        mpage.screenshot(path=OUT / "board-phone.png", full_page=True)
        mpage.goto(f"{BASE}/")
        mpage.screenshot(path=OUT / "dashboard-phone.png", full_page=True)
        mpage.goto(idea_link)
        mpage.screenshot(path=OUT / "idea-form-phone.png", full_page=True)

        tv = browser.new_context(viewport={"width": 1920, "height": 1080})
        tpage = tv.new_page()
        tpage.goto(link)
        tpage.wait_for_url(f"{BASE}/skaerm/")
        tpage.wait_for_timeout(500)
        tpage.screenshot(path=OUT / "wall-1920.png")
        browser.close()
    print(f"Screenshots in {OUT}/")


if __name__ == "__main__":
    main()
