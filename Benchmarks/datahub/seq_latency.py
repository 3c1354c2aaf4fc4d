#!/usr/bin/env python3
"""N sequential GET requests over one keep-alive connection; prints the line stop-after.lua prints for wrk:
RESULT requests p50_ms p99_ms max_ms non2xx. Used by common.sh's `latency` where wrk is not installed."""
import http.client
import sys
import time
import urllib.parse

url, n = sys.argv[1], int(sys.argv[2])
parts = urllib.parse.urlsplit(url)
path = parts.path + ("?" + parts.query if parts.query else "")
connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
times, bad = [], 0
for _ in range(n):
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    times.append((time.perf_counter() - start) * 1000)
    if response.status != 200:
        bad += 1
times.sort()


def percentile(p):
    return times[min(len(times) - 1, max(0, int(round(p / 100 * len(times) + 0.5)) - 1))]


print(f"RESULT {n} {percentile(50):.2f} {percentile(99):.2f} {times[-1]:.2f} {bad}")
