"""A tiny driver for real headless Chromium over the DevTools protocol on a pipe.

``--remote-debugging-pipe`` makes Chromium read commands on fd 3 and write replies on fd 4
(NUL-terminated JSON), so no WebSocket library, chromedriver or downloaded browser is
needed: only Debian's ``chromium``. Enough for the tests: open a page, run JS, move and
click the mouse, take a screenshot, and record script errors and network requests.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


REPLY_TIMEOUT = 60  # seconds: a stuck browser fails the test instead of hanging the suite


class ChromiumError(RuntimeError):
    pass


class Chromium:
    def __init__(self, user_data_dir: Path) -> None:
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if binary is None:
            raise ChromiumError("chromium is missing: apt-get install chromium")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes() -> None:  # in the child: our pipe ends become its fd 3 and fd 4
            read_end, write_end = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes,
            pass_fds=(3, 4),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    # --- protocol -------------------------------------------------------------------------

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], REPLY_TIMEOUT)
            if not ready:
                raise ChromiumError(f"no reply from chromium in {REPLY_TIMEOUT} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise ChromiumError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        with contextlib.suppress(ChromiumError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)

    def allow_downloads(self, folder: Path) -> None:
        """Save downloads (a report's Blob links) into ``folder`` without asking."""
        self.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(folder))

    # --- pages ----------------------------------------------------------------------------

    def open(self, url: str, width: int = 1440, height: int = 1000) -> Tab:
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Tab(self, session)
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable", session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Page.navigate", session, url=url)
        return tab


class Tab:
    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser, self.session = browser, session

    def evaluate(self, expression: str) -> Any:
        result = self.browser.send(
            "Runtime.evaluate",
            self.session,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise ChromiumError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30) -> Any:
        """Poll until ``expression`` is truthy (errors while the page loads count as not yet)."""
        deadline = time.monotonic() + timeout
        last_error: ChromiumError | None = None
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except ChromiumError as error:
                value, last_error = None, error
            if value:
                return value
            time.sleep(0.05)
        raise ChromiumError(f"timed out waiting for {expression} ({last_error})")

    def center_of(self, selector: str) -> tuple[float, float]:
        rect = self.evaluate(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        return rect[0], rect[1]

    def mouse(self, kind: str, x: float, y: float) -> None:
        """kind: mouseMoved, or 'click' for a real press and release."""
        presses = ["mousePressed", "mouseReleased"] if kind == "click" else [kind]
        for event in presses:
            self.browser.send(
                "Input.dispatchMouseEvent",
                self.session,
                type=event,
                x=x,
                y=y,
                button="left" if event != "mouseMoved" else "none",
                clickCount=1 if event != "mouseMoved" else 0,
            )

    def type_text(self, text: str) -> None:
        """Type into the focused field as a keyboard would (replacing its selection)."""
        self.browser.send("Input.insertText", self.session, text=text)

    def click(self, selector: str) -> None:
        self.mouse("click", *self.center_of(selector))

    def screenshot(self, path: Path) -> Path:
        data = self.browser.send("Page.captureScreenshot", self.session, format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def events(self, method: str) -> list[dict[str, Any]]:
        return [
            e["params"]
            for e in self.browser.events
            if e.get("method") == method and e.get("sessionId") == self.session
        ]
