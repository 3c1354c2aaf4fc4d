"""Fan-out across servers: N SSE clients split over the given ports; once all are connected, runs the command after
`--` (which stores a reading through another process) and measures, per client, the time from the command's start to
the arrival of the `reading` event. Prints p50/p99/max in milliseconds and how many clients received it."""
import asyncio, json, statistics, subprocess, sys, time

async def client(port, token, ready, received, start_box):
    reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
    writer.write(f"GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    ready.release()
    while True:
        line = await reader.readline()
        if not line:
            return
        if line.startswith(b"event: reading"):
            received.append((time.monotonic() - start_box[0]) * 1000)
            writer.close()
            return

async def main():
    args = sys.argv[1:]
    split = args.index("--")
    n, token, ports, command = int(args[0]), args[1], [int(p) for p in args[2:split]], args[split + 1:]
    with open(command[command.index("load") + 2], "w") as f:
        f.write(json.dumps({"response": {"header": {"resultCode": "00", "resultMsg": "NORMAL_CODE"}, "body": {"totalCount": 1, "items": [
            {"stationName": "아름동", "sidoName": "세종", "dataTime": "2026-12-05 10:00", "pm25Value": "31", "pm10Value": "44", "pm25Flag": None, "pm10Flag": None}],
            "pageNo": 1, "numOfRows": 100}}}, ensure_ascii=False))
    ready = asyncio.Semaphore(0)
    received, start_box = [], [0.0]
    tasks = [asyncio.create_task(client(ports[i % len(ports)], token, ready, received, start_box)) for i in range(n)]
    for _ in range(n):
        await ready.acquire()
    await asyncio.sleep(2)
    start_box[0] = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    await asyncio.wait(tasks, timeout=30)
    for t in tasks:
        t.cancel()
    if received:
        q = statistics.quantiles(received, n=100) if len(received) > 1 else [received[0]] * 99
        print(f"fanout clients={n} servers={len(ports)} received={len(received)} p50_ms={statistics.median(received):.0f} p99_ms={q[98]:.0f} max_ms={max(received):.0f} (from the storing command's start)")
    else:
        print(f"fanout clients={n} received=0")

asyncio.run(main())
