#!/usr/bin/env python3
"""folio-html in a real browser: Debian's headless Chromium.

Builds the English and Arabic samples (a chunked site each, and the
English single page), loads every page from file:// and asserts, per page:
no console error or warning, no uncaught exception, no failed resource
load (Network.loadingFailed, Log "Failed to load resource"), every <img>
decoded, the site CSS applied, no horizontal overflow at phone width.
Screenshots of the index and of chapters with a figure, footnotes and a
table, at 1280 and 390 px, go to tests/artifacts/html/ (gitignored).

The browser is driven through the DevTools protocol over
--remote-debugging-pipe (NUL-separated JSON on fds 3 and 4): no port, no
websocket, no third-party module.  A negative control first proves that
the harness sees a missing image and a console error.

Skips (exit 77, which ctest reports as skipped) when chromium is not installed.
Ends with "N passed, M failed[, K skipped]".
"""
import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

import foliotest
from foliotest import BIN, SRC

ARTIFACTS = os.path.join(SRC, "tests", "artifacts", "html")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
         "--force-device-scale-factor=1", "--remote-debugging-pipe"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}

checks = foliotest.Checks()
check = checks.check


class Browser:
    """Chromium with the DevTools protocol on a pipe."""

    def __init__(self, exe, tmp):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes answers on fd 4.  Move
        # the child's ends clear of 3 and 4 first, then into place.
        r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
        w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def child_fds():
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.log = open(os.path.join(tmp, "chromium.log"), "wb")
        args = FLAGS + [f"--user-data-dir={os.path.join(tmp, 'profile')}", "about:blank"]
        self.proc = subprocess.Popen([exe, *args], pass_fds=(3, 4), preexec_fn=child_fds,
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        os.close(r)
        os.close(w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read(self, timeout):
        ready, _, _ = select.select([self.from_chrome], [], [], timeout)
        if not ready:
            return False
        chunk = os.read(self.from_chrome, 1 << 20)
        if not chunk:
            raise RuntimeError("chromium closed the DevTools pipe")
        self.buf += chunk
        while b"\0" in self.buf:
            msg, self.buf = self.buf.split(b"\0", 1)
            self.events.append(json.loads(msg))
        return True

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        end = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("id") == mid:
                    del self.events[i]
                    if "error" in ev:
                        raise RuntimeError(f"{method}: {ev['error']}")
                    return ev.get("result", {})
            left = end - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"{method}: no answer in {timeout} s")
            self._read(left)

    def wait_event(self, method, session, timeout=30):
        end = time.monotonic() + timeout
        while True:
            for ev in self.events:
                if ev.get("method") == method and ev.get("sessionId") == session:
                    return ev
            left = end - time.monotonic()
            if left <= 0:
                raise RuntimeError(f"no {method} in {timeout} s")
            self._read(left)

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._read(max(0.0, end - time.monotonic()))

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_chrome)
        os.close(self.from_chrome)
        self.log.close()


PROBE = """(() => {
  const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0)
                                     .map(i => i.getAttribute('src').slice(0, 80));
  const css = getComputedStyle(document.documentElement).getPropertyValue('--folio-web').trim();
  const de = document.documentElement;
  return JSON.stringify({broken, css, overflow: de.scrollWidth - de.clientWidth,
                         title: document.title, lang: de.lang, dir: de.dir});
})()"""


class Page:
    """One tab: load a URL at a width, collect problems, take screenshots."""

    def __init__(self, b, url, width, height):
        self.b = b
        self.target = b.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.s = b.call("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        for m in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            b.call(m, session=self.s)
        b.call("Emulation.setDeviceMetricsOverride",
               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
               session=self.s)
        b.events = [e for e in b.events if e.get("sessionId") != self.s]
        b.call("Page.navigate", {"url": url}, session=self.s)
        b.wait_event("Page.loadEventFired", self.s)
        b.call("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => 1)",
                                    "awaitPromise": True}, session=self.s)
        b.drain(0.2)
        self.problems = []
        for ev in b.events:
            if ev.get("sessionId") != self.s:
                continue
            m, p = ev.get("method"), ev.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
                self.problems.append(f"console.{p['type']}: {text}")
            elif m == "Runtime.exceptionThrown":
                self.problems.append("exception: " + p.get("exceptionDetails", {}).get("text", ""))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                e = p["entry"]
                self.problems.append(f"log {e['level']}: {e.get('text', '')} {e.get('url', '')}")
            elif m == "Network.loadingFailed" and not p.get("canceled"):
                self.problems.append(f"load failed: {p.get('errorText')} ({p.get('type')})")
            elif m == "Network.responseReceived" and p.get("response", {}).get("status", 200) >= 400:
                self.problems.append(f"HTTP {p['response']['status']}: {p['response'].get('url')}")
        r = b.call("Runtime.evaluate", {"expression": PROBE, "returnByValue": True}, session=self.s)
        self.info = json.loads(r["result"]["value"])

    def screenshot(self, path, selector=None):
        """The viewport, or the box of the first element matching selector
        (with a margin), scrolled into view."""
        params = {"format": "png"}
        if selector:
            js = ("(() => { const e = document.querySelector(%s); if (!e) return null;"
                  " const r = e.getBoundingClientRect();"
                  " return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()"
                  % json.dumps(selector))
            r = self.b.call("Runtime.evaluate", {"expression": js, "returnByValue": True}, session=self.s)
            box = r["result"].get("value")
            if not box:
                return False
            x, y, w, h = box
            pad = 24
            vw = self.b.call("Runtime.evaluate", {"expression": "document.documentElement.clientWidth",
                                                  "returnByValue": True}, session=self.s)["result"]["value"]
            params["clip"] = {"x": 0, "y": max(0, y - pad), "width": vw,
                              "height": min(h + 2 * pad, 2400), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.b.call("Page.captureScreenshot", params, session=self.s)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return True

    def close(self):
        self.b.call("Target.closeTarget", {"targetId": self.target})


def build(args):
    p = foliotest.run(os.path.join(BIN, "folio-html"), args, timeout=300)
    return p.returncode, p.stderr


def main():
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        checks.skip("chromium is not installed (build.sh installs Debian's chromium)")
        checks.summary()
        return 77           # ctest: skipped (SKIP_RETURN_CODE), not passed
    os.makedirs(ARTIFACTS, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sites = {}
        for lang in ("en", "ar"):
            out = os.path.join(tmp, f"site-{lang}")
            rc, err = build(["--chunk", os.path.join(SRC, "samples", "idm-28", lang, "book.xml"), "-o", out])
            check(rc == 0, f"folio-html --chunk builds the {lang} sample", err)
            sites[lang] = out
        single = os.path.join(tmp, "single", "idm-28.html")
        os.makedirs(os.path.dirname(single))
        rc, err = build([os.path.join(SRC, "samples", "idm-28", "en", "book.xml"), "-o", single])
        check(rc == 0, "folio-html builds the en single page", err)

        control = os.path.join(tmp, "control.html")
        with open(control, "w") as f:
            f.write('<!DOCTYPE html><html lang="en"><title>x</title><img src="missing.png" alt="">'
                    '<script>console.error("boom")</script></html>')

        b = Browser(exe, tmp)
        try:
            p = Page(b, "file://" + control, 800, 600)
            text = "\n".join(p.problems)
            check("boom" in text and "missing.png" in " ".join(p.info["broken"]) and "load failed" in text,
                  "negative control: a console error and a missing image are seen", text)
            p.close()

            pages = []
            for lang, out in sites.items():
                if os.path.isdir(out):
                    pages += [(lang, os.path.join(out, f)) for f in sorted(os.listdir(out))
                              if f.endswith(".html")]
            if os.path.exists(single):
                pages.append(("en", single))
            shots = {("en", "index.html"): [None, "nav[role=doc-toc]", ".imprint"],
                     ("en", "ch-introduction.html"): [None, "figure", ".footnotes"],
                     ("en", "app-agenda-geneva.html"): [None, ".table-wrap"],
                     ("en", "ch-msg4.html"): [".sidebar"],
                     ("en", "idm-28.html"): [None, "nav[role=doc-toc]", "footer"],
                     ("ar", "index.html"): [None],
                     ("ar", "ch-introduction.html"): [None]}
            for lang, path in pages:
                name = os.path.basename(path)
                for wname, (w, h) in WIDTHS.items():
                    if wname == "phone" and (lang, name) not in shots:
                        continue
                    p = Page(b, "file://" + path, w, h)
                    tag = f"{lang}/{name} at {w}px"
                    check(not p.problems, f"{tag}: no console error, no failed load",
                          "\n     ".join(p.problems))
                    check(not p.info["broken"], f"{tag}: every image decodes", str(p.info["broken"]))
                    check(p.info["css"] == "1", f"{tag}: the CSS applies")
                    check(p.info["lang"] == lang and p.info["dir"] == ("rtl" if lang == "ar" else "ltr"),
                          f"{tag}: lang and dir on <html>", str(p.info))
                    if wname == "phone":
                        check(p.info["overflow"] <= 0, f"{tag}: no sideways scrolling",
                              f"{p.info['overflow']} px wider than the screen")
                    for sel in shots.get((lang, name), []):
                        suffix = "" if sel is None else "-" + re.sub(r"[^a-z0-9]+", "-", sel).strip("-")
                        png = os.path.join(ARTIFACTS, f"{lang}-{name[:-5]}{suffix}-{w}.png")
                        check(p.screenshot(png, sel), f"{tag}: screenshot {os.path.relpath(png, SRC)}")
                    p.close()
        finally:
            b.close()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())
