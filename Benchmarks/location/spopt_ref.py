#!/usr/bin/env python3
"""Reference solver for the location benchmarks: spopt (PySAL) with PuLP's bundled CBC.

Reads the same instance files as LocationBench (OR-Library p-median text, or the JSON instance format) and prints one
JSON line: objective, bound, gap (CBC's own figures from its log), seconds (model build + solve, parsing excluded)
and whether CBC proved optimality.

    python3 spopt_ref.py pmedian FILE.txt [TIME_LIMIT]
    python3 spopt_ref.py mclp FILE.json [TIME_LIMIT]
"""
import json
import os
import re
import sys
import tempfile
import time

import numpy as np
import pulp
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial.distance import cdist
from spopt.locate import MCLP, PMedian


def read_orlib(path):
    with open(path) as handle:
        rows = [line.split() for line in handle if line.strip()]
    n, m, p = (int(v) for v in rows[0])
    edges = {}
    for i, j, c in rows[1 : m + 1]:
        i, j = int(i) - 1, int(j) - 1
        if i != j:
            edges[(min(i, j), max(i, j))] = float(c)  # the last duplicate wins
    keys = list(edges)
    graph = csr_matrix(([edges[k] for k in keys], ([k[0] for k in keys], [k[1] for k in keys])), shape=(n, n))
    return dijkstra(graph, directed=False), p


def cbc_figures(log_path):
    """Objective, bound and status from CBC's closing lines."""
    text = open(log_path).read()
    result = re.search(r"Result - (.*)", text)
    objective = re.search(r"Objective value:\s+([-\d.eE+]+)", text)
    bound = re.search(r"Lower bound:\s+([-\d.eE+]+)", text)
    return (
        result.group(1).strip() if result else "unknown",
        float(objective.group(1)) if objective else None,
        float(bound.group(1)) if bound else None,
    )


def main():
    kind, path = sys.argv[1], sys.argv[2]
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 300
    log = tempfile.NamedTemporaryFile(suffix=".log", delete=False).name
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=limit, logPath=log)
    if kind == "pmedian":
        cost, p = read_orlib(path)
        started = time.perf_counter()
        model = PMedian.from_cost_matrix(cost, np.ones(cost.shape[0]), p_facilities=p)
        model.solve(solver, results=False)
        seconds = time.perf_counter() - started
        status, objective, bound = cbc_figures(log)
        maximise = False
    elif kind == "mclp":
        instance = json.load(open(path))
        demand = np.array([[d["x"], d["y"]] for d in instance["demand"]])
        sites = np.array([[c["x"], c["y"]] for c in instance["candidates"]])
        weights = np.array([d.get("weight", 1) for d in instance["demand"]], dtype=float)
        started = time.perf_counter()
        cost = cdist(demand, sites)
        model = MCLP.from_cost_matrix(cost, weights, service_radius=instance["radius"], p_facilities=instance["p"])
        model.solve(solver, results=False)
        seconds = time.perf_counter() - started
        status, objective, bound = cbc_figures(log)
        # CBC minimises the negated coverage; report it as spopt states it (covered weight, upper bound).
        maximise = True
        objective = abs(objective) if objective is not None else None
        bound = abs(bound) if bound is not None else None
    else:
        sys.exit(f"unknown kind {kind}")
    os.unlink(log)
    if bound is None and status.startswith("Optimal"):
        bound = objective
    gap = abs(objective - bound) / max(abs(objective), 1) if objective is not None and bound is not None else None
    print(json.dumps({
        "file": os.path.basename(path), "kind": kind, "tool": "spopt+cbc", "objective": objective, "bound": bound,
        "gap": gap, "seconds": seconds, "status": status, "proven": status.startswith("Optimal"), "maximise": maximise,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
