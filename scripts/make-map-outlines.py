#!/usr/bin/env python3
"""Builds assets/map/europe-110m.txt, the situation map's outlines, from the npm package
world-atlas (TopoJSON of Natural Earth 1:110m Admin 0 countries; Natural Earth is in the
public domain).

Usage (no pip needed; the package is fetched from the npm registry and never committed):
    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    scripts/make-map-outlines.py /tmp/package/countries-110m.json > assets/map/europe-110m.txt

Output (text, one record per line, lon,lat pairs in degrees with two decimals):
    # comment
    clip LON0 LON1 LAT0 LAT1    the box the data is clipped to
    frame LON0 LON1 LAT0 LAT1   the box that scenario positions x, y 0..1 span
    p lon,lat lon,lat ...       a land polygon (outer ring of a country part meeting the clip box)
    b lon,lat lon,lat ...       a land border between two countries (a polyline, clipped)
The frame is chosen so that winter-grid's actor positions fall in sensible places (see
assets/map/SOURCE.md); the clip box is larger so the map fills a wide window. Polygons are
kept whole (the program clips what it draws to the map's rectangle); borders are clipped.
"""

import json
import sys

CLIP = (-35.0, 75.0, 22.0, 78.0)  # lon0, lon1, lat0, lat1
FRAME = (-16.0, 55.0, 32.0, 66.5)
TOLERANCE = 0.08  # degrees, Douglas-Peucker


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_points(ring, arcs):
    pts = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def inside_box(p, box):
    return box[0] <= p[0] <= box[1] and box[2] <= p[1] <= box[3]


def clip_polyline(pts, box):
    """Keeps the runs of points inside the box (the 110m data is coarse enough that the
    segment crossing the box edge can be dropped)."""
    runs, run = [], []
    for p in pts:
        if inside_box(p, box):
            run.append(p)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) >= 2]


def simplify(pts, tol):
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        ax, ay = pts[i]
        bx, by = pts[j]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_k = -1.0, -1
        for k in range(i + 1, j):
            px, py = pts[k]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, best_k = d, k
        if best > tol:
            keep[best_k] = True
            stack.append((i, best_k))
            stack.append((best_k, j))
    return [p for p, k in zip(pts, keep) if k]


def area(pts):
    s = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        s += x0 * y1 - x1 * y0
    return s / 2


def fmt(pts):
    out, last = [], None
    for lon, lat in pts:
        s = f"{lon:.2f},{lat:.2f}"
        if s != last:
            out.append(s)
        last = s
    return " ".join(out)


def unwrap(pts):
    """Keeps a ring continuous across the antimeridian (Russia's ring runs past 180 east)."""
    out = []
    for lon, lat in pts:
        if out:
            while lon - out[-1][0] > 180:
                lon -= 360
            while lon - out[-1][0] < -180:
                lon += 360
        out.append((lon, lat))
    return out


def crossing(pts):
    """The first pair of edges (i, j) that cross, or None."""
    def cr(o, p, q):
        return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])

    n = len(pts)
    for i in range(n):
        a, b = pts[i], pts[(i + 1) % n]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            c, d = pts[j], pts[(j + 1) % n]
            if cr(c, d, a) * cr(c, d, b) < 0 and cr(a, b, c) * cr(a, b, d) < 0:
                return i, j
    return None


def uncross(pts):
    """Makes a ring simple by 2-opt moves (reversing the run between two crossing edges):
    the 1:110m Sudan ring crosses itself, and ear clipping needs simple rings."""
    for _ in range(20):
        c = crossing(pts)
        if c is None:
            break
        i, j = c
        pts = pts[: i + 1] + list(reversed(pts[i + 1 : j + 1])) + pts[j + 1 :]
    return pts


def bbox_meets(pts, box):
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return max(lons) >= box[0] and min(lons) <= box[1] and max(lats) >= box[2] and min(lats) <= box[3]


def main():
    topo = json.load(open(sys.argv[1], encoding="utf-8"))
    # Simplify each arc once, so the two countries sharing a border keep the same line.
    full = decode_arcs(topo)
    arcs = [simplify(arc, TOLERANCE) for arc in full]
    geometries = topo["objects"]["countries"]["geometries"]
    uses = [0] * len(arcs)
    print("# Natural Earth 1:110m Admin 0 countries (public domain), via the npm package")
    print("# world-atlas 2.0.2 (countries-110m.json); built by scripts/make-map-outlines.py.")
    print("# Equirectangular lon,lat in degrees; see assets/map/SOURCE.md.")
    print("clip %g %g %g %g" % CLIP)
    print("frame %g %g %g %g" % FRAME)
    polygons = 0
    for geometry in geometries:
        kind = geometry.get("type")
        if kind == "Polygon":
            parts = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            parts = geometry["arcs"]
        else:
            continue
        for part in parts:
            for ring in part:
                for index in ring:
                    uses[index if index >= 0 else ~index] += 1
            # Whole outer rings of the parts that meet the clip box: a polygon cut at the box
            # would get zero-width bridges along its edge, which ear clipping cannot fill.
            outer = unwrap(ring_points(part[0], arcs)[:-1])
            if len(outer) < 3 or not bbox_meets(outer, CLIP) or abs(area(outer)) < 0.05:
                continue
            if crossing(outer):  # simplified arcs that cross: take this ring as it was
                outer = uncross(unwrap(ring_points(part[0], full)[:-1]))
            print("p " + fmt(outer))
            polygons += 1
    borders = 0
    for index, arc in enumerate(arcs):
        if uses[index] < 2:
            continue  # a coast: drawn as the polygons' outline
        for run in clip_polyline(arc, CLIP):
            if len(run) >= 2:
                print("b " + fmt(run))
                borders += 1
    print(f"{polygons} polygons, {borders} borders", file=sys.stderr)


if __name__ == "__main__":
    main()
