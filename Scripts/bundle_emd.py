#!/usr/bin/env python3
"""Bundles the 읍면동 boundaries of 15 시도 (2021-04, vuski/admdongkor via raqoon886/Local_HangJeongDong; KOGL Type 1 —
see Sources/MokminServices/Resources/korea/README.md) into one ZIP archive that Mokmin reads on first use of a city.

Run once from the repository root, beside ../shared/data/korea/emd_2021/:

    python3 Scripts/bundle_emd.py ../shared/data/korea/emd_2021 Sources/MokminServices/Resources/korea/emd_2021.zip

Each ring is simplified with Douglas–Peucker at TOLERANCE degrees (about 5 m), never below 4 points (a closed
triangle), and coordinates are rounded to 5 decimals (about 1 m); properties are kept as they are. The archive stores
each 시도 as `emd_<sido>_202104.geojson`, deflated (ZIPFoundation reads it; Foundation on Linux has no zlib API). The
script prints each file's size before and after and the worst change of a 읍면동's area. Sejong (36) is bundled apart
already and is left out; 경북 (47) and 전남 (46) are not in the source data.
"""
import json, math, os, sys, zipfile

TOLERANCE = 0.00005


def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(points, tolerance):
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring):
    closed = ring[0] == ring[-1]
    body = ring[:-1] if closed else ring
    if len(body) <= 3:
        return ring
    # Split the closed ring at its farthest point from the start, so that both halves are open lines.
    far = max(range(len(body)), key=lambda i: math.hypot(body[i][0] - body[0][0], body[i][1] - body[0][1]))
    a = douglas_peucker(body[: far + 1], TOLERANCE)
    b = douglas_peucker(body[far:] + [body[0]], TOLERANCE)
    out = a[:-1] + b
    if len(out) < 4:
        return ring
    out = [[round(x, 5), round(y, 5)] for x, y in out]
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def area(rings):
    total = 0.0
    for k, ring in enumerate(rings):
        s = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))
        total += abs(s) / 2 * (1 if k == 0 else -1)
    return total


def polygons(geometry):
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def main(source, target):
    worst = (0.0, "")
    with zipfile.ZipFile(target + ".part", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(os.listdir(source)):
            if not name.endswith(".geojson") or name.startswith("emd_36_"):
                continue
            data = json.load(open(os.path.join(source, name), encoding="utf-8"))
            for feature in data["features"]:
                before = sum(area(p) for p in polygons(feature["geometry"]))
                simplified = [[simplify_ring(r) for r in p] for p in polygons(feature["geometry"])]
                feature["geometry"] = {"type": "MultiPolygon", "coordinates": simplified}
                after = sum(area(p) for p in simplified)
                change = abs(after - before) / before if before else 0
                if change > worst[0]:
                    worst = (change, feature["properties"].get("adm_nm", "?"))
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            archive.writestr(name, text)
            print(f"{name}: {len(data['features'])} 읍면동, {os.path.getsize(os.path.join(source, name)):,} → {len(text.encode()):,} bytes")
    os.replace(target + ".part", target)
    print(f"archive: {os.path.getsize(target):,} bytes; worst area change {worst[0] * 100:.2f} % ({worst[1]})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
