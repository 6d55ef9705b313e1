#!/usr/bin/env python3
"""Full-page screenshots with headless Chromium, for Scripts/screenshot-web.sh.

    screenshot_web.py CHROMIUM JOBS_FILE

JOBS_FILE has one job a line: WIDTH<TAB>URL<TAB>PNG[<TAB>COOKIES], COOKIES as in a Cookie header
(set in the browser before the page loads; they stay for the later jobs). One Chromium runs for all of them, driven
through the DevTools protocol over a pipe (--remote-debugging-pipe: no port, no websocket, only the
standard library). Each page is loaded at WIDTH, measured, and captured whole (up to 16384 px
high, Chromium's limit), so a long page is not cut at the window's bottom. Prints each PNG with its
size; exits 1 if a page could not be captured. With TILE_HEIGHT=N in the environment, a page
higher than N is also written in parts of N px (NAME-part1.png, …), easier to look at.
"""

import base64
import json
import os
import subprocess
import sys
import time

MAX_HEIGHT = 16384


class Browser:
    def __init__(self, chromium):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4.
        def wire():  # through fresh numbers, as a pipe end may itself be fd 3 or 4
            read_end, write_end = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--mute-audio", "--force-color-profile=srgb",
             "--user-data-dir=" + os.environ.get("CHROME_PROFILE", "/tmp/loopledger-shots-profile"),
             "about:blank"],
            close_fds=False, preexec_fn=wire,  # fds 3 and 4 must reach Chromium
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_event(self, method, session, timeout=60):
        deadline = time.time() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[i]
                    return event
            self.events.append(self._read_message(deadline))

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def shoot(browser, width, url, png, cookies=""):
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    try:
        browser.call("Page.enable", session=session)
        mobile = width < 600
        metrics = {"width": width, "height": 900 if not mobile else 844, "deviceScaleFactor": 1, "mobile": mobile}
        browser.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
        for pair in filter(None, (c.strip() for c in cookies.split(";"))):
            name, value = pair.split("=", 1)
            browser.call("Network.setCookie", {"name": name, "value": value, "url": url, "httpOnly": True,
                                               "sameSite": "Strict"}, session=session)
        browser.events.clear()
        browser.call("Page.navigate", {"url": url}, session=session)
        browser.wait_event("Page.loadEventFired", session)
        time.sleep(0.3)  # fonts and layout settle
        layout = browser.call("Page.getLayoutMetrics", session=session)
        size = layout.get("cssContentSize") or layout["contentSize"]
        height = min(MAX_HEIGHT, max(1, int(size["height"] + 0.999)))
        page_width = int(size["width"] + 0.999)
        metrics["height"] = height
        browser.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
        time.sleep(0.2)
        shot = browser.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True,
             "clip": {"x": 0, "y": 0, "width": max(width, page_width), "height": height, "scale": 1}},
            session=session, timeout=120)
        with open(png, "wb") as out:
            out.write(base64.b64decode(shot["data"]))
        tile = int(os.environ.get("TILE_HEIGHT", "0") or 0)
        if tile and height > tile:  # the same page in screen-sized parts, easier to look at
            for k, top in enumerate(range(0, height, tile), start=1):
                part = browser.call(
                    "Page.captureScreenshot",
                    {"format": "png", "captureBeyondViewport": True,
                     "clip": {"x": 0, "y": top, "width": max(width, page_width),
                              "height": min(tile, height - top), "scale": 1}},
                    session=session, timeout=120)
                with open(png[:-4] + f"-part{k}.png", "wb") as out:
                    out.write(base64.b64decode(part["data"]))
        note = " (wider than the window: horizontal overflow)" if page_width > width else ""
        note += " (cut at 16384 px)" if size["height"] > MAX_HEIGHT else ""
        print(f"{png}  {max(width, page_width)}x{height}{note}", flush=True)
    finally:
        browser.call("Target.closeTarget", {"targetId": target})


def main():
    chromium, jobs_file = sys.argv[1], sys.argv[2]
    jobs = [line.rstrip("\n").split("\t") for line in open(jobs_file, encoding="utf-8") if line.strip()]
    browser = Browser(chromium)
    failed = 0
    try:
        for width, url, png, *cookies in jobs:
            try:
                shoot(browser, int(width), url, png, cookies[0] if cookies else "")
            except Exception as error:  # one bad page does not stop the others
                failed += 1
                print(f"{png}: FAILED {url}: {error}", file=sys.stderr, flush=True)
    finally:
        browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
