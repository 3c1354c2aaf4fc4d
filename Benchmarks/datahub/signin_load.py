#!/usr/bin/env python3
"""Signs in to a running `mokmin serve` over and over, one sign-in at a time, as a browser does: GET /login (the
anonymous CSRF cookie and the form's token), then POST /login (bcrypt check, then a session written to the database).

    signin_load.py BASE LOGIN PASSWORD OUT [--count N | --until FILE]

Writes one line per sign-in to OUT: the POST's start (Unix seconds), its latency in milliseconds and its HTTP status
(303 is a sign-in; anything else, or 0 for no answer, is a failure). Stops after N sign-ins, or once FILE exists.
Standard library only.
"""
import http.client
import os
import re
import sys
import time
import urllib.parse


def sign_in(host, port, login, password):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request("GET", "/login")
    form = connection.getresponse()
    page = form.read().decode("utf-8", "replace")
    cookies = []
    for header, value in form.getheaders():
        if header.lower() == "set-cookie":
            cookies.append(value.split(";", 1)[0])
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"login": login, "password": password, "csrf_token": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(cookies)}
    started = time.time()
    try:
        connection.request("POST", "/login", body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        status = answer.status
    except (OSError, http.client.HTTPException):
        status = 0
    took = (time.time() - started) * 1000
    connection.close()
    return started, took, status


def main():
    base, login, password, out = sys.argv[1:5]
    count, until = None, None
    if sys.argv[5] == "--count":
        count = int(sys.argv[6])
    else:
        until = sys.argv[6]
    parsed = urllib.parse.urlparse(base)
    done = 0
    with open(out, "w") as lines:
        while (count is None or done < count) and (until is None or not os.path.exists(until)):
            started, took, status = sign_in(parsed.hostname, parsed.port, login, password)
            lines.write(f"{started:.3f} {took:.1f} {status}\n")
            lines.flush()
            done += 1


if __name__ == "__main__":
    main()
