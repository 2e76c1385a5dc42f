#!/usr/bin/env python3
"""Records tests/data/chromium-echo.har with Debian's Chromium, as a user would with
DevTools' "Save all as HAR": record.sh starts the browser with DevTools open on its tab;
this drives both over the DevTools protocol. The tab loads page.html, which talks to
Sockscope's built-in echo server and closes with 1000; then export.js runs inside the
DevTools window and returns what its HAR writer would save.

    record.py ECHO_PORT PAGE_PORT DEVTOOLS_PORT OUT.har
"""
import asyncio, json, os, sys, urllib.request
import websockets

DEVTOOLS_PORT = int(sys.argv[3])

def targets():
    return json.load(urllib.request.urlopen(f"http://127.0.0.1:{DEVTOOLS_PORT}/json/list"))

class Cdp:
    def __init__(self, ws):
        self.ws, self.n, self.events = ws, 0, []
    async def call(self, method, **params):
        self.n += 1
        my = self.n
        await self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(await self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg["result"]
            self.events.append(msg)

async def main(echo_port, page_port, out):
    for _ in range(100):
        try:
            ts = targets()
            if any(t["url"].startswith("devtools://") for t in ts):
                break
        except Exception:
            pass
        await asyncio.sleep(0.2)
    ts = targets()
    print(json.dumps([(t["type"], t["url"]) for t in ts]), file=sys.stderr)
    page = next(t for t in ts if t["type"] == "page" and not t["url"].startswith("devtools://"))
    tools = next(t for t in ts if t["url"].startswith("devtools://"))
    async with websockets.connect(page["webSocketDebuggerUrl"], max_size=None) as pws, \
               websockets.connect(tools["webSocketDebuggerUrl"], max_size=None) as tws:
        p, d = Cdp(pws), Cdp(tws)
        await asyncio.sleep(3)  # DevTools attaches and enables the network domain
        await p.call("Page.navigate", url=f"http://127.0.0.1:{page_port}/page.html?echo={echo_port}")
        for _ in range(100):
            r = await p.call("Runtime.evaluate", expression="document.title")
            if r["result"].get("value", "").startswith(("closed", "error")):
                break
            await asyncio.sleep(0.1)
        print("page:", r["result"].get("value"), file=sys.stderr)
        await asyncio.sleep(1)
        expr = open(os.path.join(os.path.dirname(__file__), "export.js")).read()
        r = await d.call("Runtime.evaluate", expression=expr, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            print(json.dumps(r["exceptionDetails"], indent=1), file=sys.stderr)
            return 1
        open(out, "w").write(r["result"]["value"])
        return 0

sys.exit(asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[4])))
