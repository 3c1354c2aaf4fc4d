#!/usr/bin/env python3
"""Reference outcomes from pabutools for `mokmin pb`'s rules, as JSON lines.

Usage: pabutools_reference.py RULE[,RULE...] FILE.pb [FILE.pb ...]
Prints one JSON object per (file, rule): {"file", "rule", "selected": [ids sorted], "seconds"}.
Exits 3 when pabutools cannot be imported (the Swift test reads that as "not installed").

The rules, exactly as the issue and Mokmin's README define them:
  greedy           greedy_utilitarian_welfare
  mes              method_of_equal_shares
  mes-add1         exhaustion_by_budget_increase(MES, budget_step = number of voters)
  mes-add1-greedy  completion_by_rule_combination([that, greedy_utilitarian_welfare])
  mes-step         completion_by_rule_combination([exhaustion_by_budget_increase(MES) with pabutools' default
                   budget_step of 1 % of the budget, greedy_utilitarian_welfare])
Satisfaction: Cost_Sat for approval and choose-1, Additive_Cardinal_Sat for cumulative (and scoring),
Additive_Borda_Sat for ordinal. Ties: pabutools' default, lexicographic on the project id strings.
"""
import json
import sys
import time

try:
    from pabutools.election import (
        parse_pabulib,
        Cost_Sat,
        Additive_Cardinal_Sat,
        Additive_Borda_Sat,
    )
    from pabutools.rules import (
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        exhaustion_by_budget_increase,
        completion_by_rule_combination,
    )
except ImportError as error:
    print(f"pabutools is not installed: {error}", file=sys.stderr)
    sys.exit(3)


def sat_class_for(instance):
    vote_type = instance.meta["vote_type"]
    if vote_type in ("approval", "choose-1"):
        return Cost_Sat
    if vote_type in ("cumulative", "scoring"):
        return Additive_Cardinal_Sat
    if vote_type == "ordinal":
        return Additive_Borda_Sat
    raise ValueError(f"unknown vote_type {vote_type}")


def run(rule, instance, profile):
    sat = sat_class_for(instance)
    if rule == "greedy":
        return greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    if rule == "mes":
        return method_of_equal_shares(instance, profile, sat_class=sat)
    add1 = {
        "rule": method_of_equal_shares,
        "rule_params": {"sat_class": sat},
        "budget_step": profile.num_ballots(),
    }
    if rule == "mes-add1":
        return exhaustion_by_budget_increase(instance, profile, **add1)
    if rule == "mes-add1-greedy":
        return completion_by_rule_combination(
            instance, profile, [exhaustion_by_budget_increase, greedy_utilitarian_welfare], [add1, {"sat_class": sat}]
        )
    if rule == "mes-step":
        step = {"rule": method_of_equal_shares, "rule_params": {"sat_class": sat}}
        return completion_by_rule_combination(
            instance, profile, [exhaustion_by_budget_increase, greedy_utilitarian_welfare], [step, {"sat_class": sat}]
        )
    raise ValueError(f"unknown rule {rule}")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    rules = sys.argv[1].split(",")
    for path in sys.argv[2:]:
        instance, profile = parse_pabulib(path)
        for rule in rules:
            start = time.perf_counter()
            outcome = run(rule, instance, profile)
            seconds = time.perf_counter() - start
            selected = sorted(str(p.name) for p in outcome)
            record = {"file": path.rsplit("/", 1)[-1], "rule": rule, "selected": selected, "seconds": round(seconds, 4)}
            print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
