#!/usr/bin/env python3
"""MCLP through PuLP with CBC and with HiGHS: the model spopt builds, timed with its Python build.

Reads a JSON instance of LocationBench (demand, candidates, p, radius; Euclidean) and prints one JSON line per solver:
objective, whether the solver proved optimality, and seconds for coverage sets + model build + solve (parsing the file
excluded), the way issue 17 measured PuLP + CBC.

    python3 mip_ref.py FILE.json [TIME_LIMIT] [cbc,highs]

Needs `pip install pulp highspy` (benchmarks only; CBC ships inside PuLP).
"""
import json
import os
import sys
import time

import numpy as np
import pulp


def build(instance):
    """max Σ wᵢ zᵢ, zᵢ ≤ Σ_{j covers i} yⱼ, Σ yⱼ = p, binary y and z (spopt's MCLP)."""
    demand = np.array([[d["x"], d["y"]] for d in instance["demand"]])
    sites = np.array([[c["x"], c["y"]] for c in instance["candidates"]])
    weights = [float(d.get("weight", 1)) for d in instance["demand"]]
    squared = ((demand[:, None, :] - sites[None, :, :]) ** 2).sum(axis=2)
    covers = squared <= float(instance["radius"]) ** 2
    model = pulp.LpProblem("mclp", pulp.LpMaximize)
    y = [pulp.LpVariable(f"y{j}", cat="Binary") for j in range(len(sites))]
    z = [pulp.LpVariable(f"z{i}", cat="Binary") for i in range(len(demand))]
    model += pulp.lpSum(w * zi for w, zi in zip(weights, z))
    for i in range(len(demand)):
        model += pulp.lpSum(y[j] for j in np.flatnonzero(covers[i])) >= z[i]
    model += pulp.lpSum(y) == instance["p"]
    return model


def main():
    path = sys.argv[1]
    limit = float(sys.argv[2]) if len(sys.argv) > 2 else 300
    tools = sys.argv[3].split(",") if len(sys.argv) > 3 else ["cbc", "highs"]
    instance = json.load(open(path))
    for tool in tools:
        started = time.perf_counter()
        model = build(instance)
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=limit) if tool == "cbc" else pulp.HiGHS(msg=False, timeLimit=limit)
        model.solve(solver)
        seconds = time.perf_counter() - started
        status = pulp.LpStatus[model.status]
        proven = status == "Optimal" and model.sol_status == pulp.LpSolutionOptimal
        print(json.dumps({
            "file": os.path.basename(path), "tool": tool, "objective": pulp.value(model.objective), "proven": proven,
            "status": status, "seconds": seconds,
        }, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
