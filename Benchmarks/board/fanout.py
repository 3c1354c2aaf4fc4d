"""Fan-out: CLIENTS live clients on /api/stream; a feed run every second stores new readings; each client notes how
long after the store wrote them (the event's `ingestedAt`) each `reading` event reached it.

usage: fanout.py BASE TOKEN FEED_ID FEED_PORT CLIENTS RUNS
The feed endpoint (a generic JSON feed of 10 sensors whose values change every call) is served from here on FEED_PORT.
"""
import asyncio, json, statistics, sys, threading, time, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

base, token, feed_id, feed_port, clients, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
host, port = base.split("//")[1].split(":")[0], int(base.rsplit(":", 1)[1])
calls = 0


class Feed(BaseHTTPRequestHandler):
    def do_GET(self):
        global calls
        calls += 1
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() + 9 * 3600))
        body = json.dumps({"items": [{"sensor": f"s{i}", "value": calls * 10 + i, "time": stamp} for i in range(10)]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


threading.Thread(target=ThreadingHTTPServer(("127.0.0.1", feed_port), Feed).serve_forever, daemon=True).start()
latencies = []
connected = 0
received = 0


async def client(ready):
    global connected, received
    reader, writer = await asyncio.open_connection(host, port, limit=1 << 22)
    writer.write(f"GET /api/stream HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    event = None
    counted = False
    while True:
        line = await reader.readline()
        if not line:
            return
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if text.startswith("retry:") and not counted:
            counted = True
            connected += 1
            if connected == clients:
                ready.set()
        elif text.startswith("event: "):
            event = text[7:]
        elif text.startswith("data: ") and event == "reading":
            now = time.time()
            # Only the number is read (a full JSON parse per event would make this client the bottleneck).
            at = text.find('"ingestedAt":')
            if at >= 0:
                end = text.find(",", at)
                latencies.append(now - float(text[at + 13:end]))
                received += 1


def trigger():
    request = urllib.request.Request(f"{base}/api/feeds/{feed_id}/run", method="POST", headers={"Authorization": f"Bearer {sys.argv[7]}"})
    urllib.request.urlopen(request).read()


async def main():
    ready = asyncio.Event()
    tasks = []
    for i in range(clients):
        tasks.append(asyncio.create_task(client(ready)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    await asyncio.wait_for(ready.wait(), 120)
    print(json.dumps({"connected": connected}), flush=True)
    await asyncio.sleep(1)
    loop = asyncio.get_running_loop()
    for _ in range(runs):
        await loop.run_in_executor(None, trigger)
        await asyncio.sleep(1)
    await asyncio.sleep(3)
    lat = sorted(latencies)
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else None
    print(json.dumps({"clients": clients, "runs": runs, "events_received": received, "expected": clients * runs,
                      "p50_ms": q(0.50), "p90_ms": q(0.90), "p99_ms": q(0.99), "max_ms": q(1.0)}), flush=True)
    for t in tasks:
        t.cancel()


asyncio.run(main())
