#!/usr/bin/env python3
"""Loads weakify's HTML report in headless Chromium and prints what it sees.

  html_browser.py --chromium PATH --page DIR/index.html --screenshot OUT.png
                  [--search TERM]... [--only-check CHECK]... [--width W]
                  [--height H] [--focus CSS]

Drives Chromium over the DevTools protocol on --remote-debugging-pipe (fds 3
and 4, NUL-terminated JSON), no npm package needed. Prints `key: value`
lines for FileCheck: console errors and uncaught exceptions (each one, then
their count), findings, pictures and their parts, duplicate ids, how many
findings each search and check filter leaves visible, the groups when
grouped by file; then takes a screenshot (after scrolling --focus into view).
Exits 1 when Chromium is missing or does not answer in time.
"""
import argparse
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 30


class Browser:
    def __init__(self, chromium, profile):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def child_fds():
            # Chromium reads commands on fd 3 and answers on fd 4.
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.log = open(os.path.join(profile, "chromium.log"), "w")
        self.process = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--mute-audio",
             "--remote-debugging-pipe", "--user-data-dir=" + profile,
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            close_fds=False, preexec_fn=child_fds)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        reply = self.wait_for(lambda m: m.get("id") == self.next_id)
        if "error" in reply:
            raise RuntimeError("%s failed: %s" % (method, reply["error"]))
        return reply.get("result", {})

    def wait_for(self, wanted):
        """The first message (events seen on the way are kept) that `wanted`
        accepts."""
        for event in self.events:
            if wanted(event):
                self.events.remove(event)
                return event
        deadline = time.time() + TIMEOUT
        while True:
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                message = json.loads(raw)
                if wanted(message):
                    return message
                if "method" in message:
                    self.events.append(message)
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_child], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in %d s" % TIMEOUT)
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError("%s threw: %s" % (expression,
                                                 result["exceptionDetails"]))
        return result["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def problems(events):
    """Console errors and uncaught exceptions among the page's events."""
    found = []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            found.append("exception: " + json.dumps(params["exceptionDetails"]))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error", "assert"):
            found.append("console error: " + json.dumps(params.get("args")))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            found.append("log error: " + params["entry"]["text"])
    return found


VISIBLE = ("Array.from(document.querySelectorAll('#findings article.finding'))"
           ".filter(c => c.checkVisibility()).length")


def set_search(browser, term):
    browser.evaluate("(() => { const q = document.getElementById('q'); "
                     "q.value = %s; q.dispatchEvent(new Event('input')); })()"
                     % json.dumps(term))


def only_check(browser, check):
    browser.evaluate(
        "(() => { document.getElementById('none').click(); "
        "for (const b of document.querySelectorAll('input.check-filter')) "
        "if (b.value === %s) b.click(); })()" % json.dumps(check))


def report_page(browser, args):
    count = lambda css: browser.evaluate(
        "document.querySelectorAll(%s).length" % json.dumps(css))
    print("findings: %d" % count("article.finding"))
    print("visible: %d" % browser.evaluate(VISIBLE))
    print("pictures: %d" % count("figure.picture"))
    print("svgs: %d" % count("figure.picture > svg"))
    for role in ("owner", "holder", "kept-alive"):
        print("%s nodes: %d" % (role, count("figure.picture svg g.node." + role)))
    print("weaken edges: %d" % count("figure.picture svg g.edge.weaken"))
    cycle = "article[data-check='weakify-ownership-cycle'] svg "
    print("cycle nodes: %d" % count(cycle + "g.node"))
    print("cycle weaken edges: %d" % count(cycle + "g.edge.weaken"))
    print("graphviz notice: %d" % count("#no-graphviz"))
    print("duplicate ids: %d" % browser.evaluate(
        "(() => { const ids = Array.from(document.querySelectorAll('[id]'), "
        "e => e.id); return ids.length - new Set(ids).size; })()"))
    for term in args.search:
        set_search(browser, term)
        print("search %r: %d" % (term, browser.evaluate(VISIBLE)))
    set_search(browser, "")
    for check in args.only_check:
        only_check(browser, check)
        print("only %s: %d" % (check, browser.evaluate(VISIBLE)))
    browser.evaluate("document.getElementById('all').click()")
    print("all checks: %d" % browser.evaluate(VISIBLE))
    browser.evaluate("document.querySelector('input[value=file]').click()")
    print("groups by file: %s" % browser.evaluate(
        "Array.from(document.querySelectorAll('#findings > section.group'), "
        "s => s.dataset.key).join(' ')"))
    print("visible by file: %d" % browser.evaluate(VISIBLE))
    browser.evaluate("document.querySelector('input[value=check]').click()")


def screenshot(browser, args):
    if args.focus:
        browser.evaluate("document.querySelector(%s).scrollIntoView()"
                         % json.dumps(args.focus))
    shot = browser.send("Page.captureScreenshot", {"format": "png"})
    with open(args.screenshot, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    print("screenshot: %s" % args.screenshot)


def run(args, profile):
    browser = Browser(args.chromium, profile)
    try:
        targets = browser.send("Target.getTargets", session=False)
        page = next(t for t in targets["targetInfos"] if t["type"] == "page")
        browser.session = browser.send(
            "Target.attachToTarget", {"targetId": page["targetId"],
                                      "flatten": True},
            session=False)["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            browser.send(domain + ".enable")
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": args.width, "height": args.height,
                      "deviceScaleFactor": 1, "mobile": False})
        browser.send("Page.navigate",
                     {"url": "file://" + os.path.abspath(args.page)})
        browser.wait_for(lambda m: m.get("method") == "Page.loadEventFired")
        report_page(browser, args)
        screenshot(browser, args)
        found = problems(browser.events)
        for problem in found:
            print(problem)
        print("console errors and exceptions: %d" % len(found))
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--page", required=True)
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--search", action="append", default=[])
    parser.add_argument("--only-check", action="append", default=[])
    parser.add_argument("--focus")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    if not os.access(args.chromium, os.X_OK):
        sys.exit("html_browser.py: error: Chromium not found ('%s'): run "
                 "scripts/install-deps.sh, which installs Debian's chromium "
                 "package, then re-run cmake" % args.chromium)
    profile = tempfile.mkdtemp(prefix="chromium-",
                               dir=os.path.dirname(os.path.abspath(args.screenshot)))
    try:
        run(args, profile)
    except Exception as e:
        log = os.path.join(profile, "chromium.log")
        if os.path.exists(log):
            sys.stderr.write(open(log, errors="replace").read()[-4000:])
        sys.exit("html_browser.py: error: %s" % e)
    shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
