#!/usr/bin/env python3
"""factbot against the jieba + BM25 baseline, per question, in one run.

Each system reads the same questions on stdin, R rounds of them, in one process, and the
time of a process given no question (its start-up) is subtracted. Three runs each,
alternating, and the median is reported. Both answer one article.

    cargo build --release
    pip install -r benches/baseline/requirements.txt
    python3 benches/compare.py                    # the repository's questions on the shipped article
    python3 benches/compare.py --questions ../shared/eval/questions.jsonl --rounds 28
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def read_questions(paths):
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    out.append(json.loads(line)["q"] if line.startswith("{") else line)
    return out


def wall(cmd, stdin_text):
    """Seconds from start to exit, with `stdin_text` on stdin; the answers are counted."""
    t = time.perf_counter()
    done = subprocess.run(cmd, input=stdin_text.encode(), capture_output=True, check=True)
    elapsed = time.perf_counter() - t
    return elapsed, done.stdout.count(b"\n")


def per_question(cmd, questions, rounds):
    """Milliseconds per question, start-up subtracted."""
    text = "".join(q + "\n" for q in questions) * rounds
    full, lines = wall(cmd, text)
    empty, _ = wall(cmd, "")
    n = len(questions) * rounds
    if lines != n:
        sys.exit(f"{cmd[0]}: {lines} answers to {n} questions")
    return (full - empty) * 1000 / n, empty * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--article", default=os.path.join(ROOT, "data", "qingdao-opening-up.txt"))
    ap.add_argument("--factbot", default=os.path.join(ROOT, "target", "release", "factbot"))
    ap.add_argument("--questions", nargs="+", default=[
        os.path.join(ROOT, "tests", "fixtures", "qingdao-questions.jsonl"),
        os.path.join(ROOT, "tests", "fixtures", "qingdao-multi.jsonl"),
    ])
    ap.add_argument("--rounds", type=int, default=28)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    questions = read_questions(args.questions)
    data = os.path.dirname(os.path.abspath(args.article))
    index = os.path.join(ROOT, "target", "bench-compare-index")
    systems = {
        "factbot": [args.factbot, "--data", data, "--index", index, "ask", "--json"],
        "jieba + BM25 (Python)": [sys.executable, os.path.join(HERE, "baseline", "bm25_jieba.py"),
                                  "--article", args.article],
    }
    wall(systems["factbot"], "")  # build the index before timing
    times = {name: [] for name in systems}
    starts = {name: [] for name in systems}
    for run in range(args.runs):
        for name, cmd in systems.items():
            ms, start = per_question(cmd, questions, args.rounds)
            times[name].append(ms)
            starts[name].append(start)
            print(f"run {run + 1}/{args.runs} {name}: {ms:.3f} ms per question", file=sys.stderr)
    print(f"{len(questions)} questions x {args.rounds} rounds, median of {args.runs} runs, start-up subtracted")
    print("| system | per question | start-up |")
    print("|---|---|---|")
    for name in systems:
        print(f"| {name} | {statistics.median(times[name]):.3f} ms | {statistics.median(starts[name]):.0f} ms |")
    ratio = statistics.median(times["factbot"]) / statistics.median(times["jieba + BM25 (Python)"])
    print(f"factbot / baseline: {ratio:.2f}x")


if __name__ == "__main__":
    main()
