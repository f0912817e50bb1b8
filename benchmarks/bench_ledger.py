"""Throughput of a county batch: prints figures, asserts nothing.

    python benchmarks/bench_ledger.py [TXT_COUNT] [DOCX_COUNT]

Generates TXT_COUNT .txt reports (default 2000) and DOCX_COUNT .docx reports (default 500),
each a different unit's: a title, four sections and 3–6 paragraphs under each, made of
sentences drawn at random from the corpus (or the bundled sample). Then, as separate
processes, ``fazhilint check FOLDER -f json -o …`` at --jobs 1 and 2, with FZ601 (copying
across units) on and off, and reports files per second and the peak resident memory of the
main process (where the ledger and the signatures live). Memory is also measured for a
quarter of the .txt files, to show how it grows with the number of files. Then, in process,
the shingling and MinHash of every paragraph of the .txt reports with fazhilint.shingles and,
when installed, with datasketch (MinHash.update_batch per paragraph, MinHashLSH).
"""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"
HEADINGS = ["主要举措和成效", "党政主要负责人履行推进法治建设第一责任人职责情况", "存在的不足和原因", "下一年度工作安排"]
TOWNS = "东西南北中上下前后新老大小金银石江河湖山"


def sentences() -> list[str]:
    files = sorted(CORPUS.glob("excerpts/*.txt")) + sorted(CORPUS.glob("seed/*.txt")) + sorted(CORPUS.glob("official/*.txt"))
    files = files or [REPO / "examples" / "sample-report.txt"]
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    out = [s.strip() for s in re.split(r"(?<=[。；])", text) if 12 <= len(s.strip()) <= 120]
    return [s for s in out if not re.match(r"^[一二三四五六七八九十（(]", s)]


def report(n: int, pool: list[str], rng: random.Random) -> list[str]:
    unit = TOWNS[n % len(TOWNS)] + TOWNS[(n // len(TOWNS)) % len(TOWNS)] + str(n) + "镇"
    lines = [f"{unit}2025年法治政府建设工作报告"]
    for i, heading in enumerate(HEADINGS):
        lines.append(f"{'一二三四'[i]}、{heading}")
        for _ in range(rng.randint(3, 6)):
            lines.append("".join(rng.sample(pool, rng.randint(2, 4))))
    lines.append(f"{unit}人民政府")
    return lines


def generate(folder: Path, count: int, kind: str, pool) -> None:
    rng = random.Random(2025)
    folder.mkdir(parents=True)
    for n in range(count):
        lines = report(n, pool, rng)
        if kind == "txt":
            (folder / f"{n:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            import docx

            document = docx.Document()
            for line in lines:
                document.add_paragraph(line)
            document.save(str(folder / f"{n:05d}.docx"))


def check(folder: Path, jobs: int, fz601: bool) -> tuple[float, float]:
    """(seconds, peak MB of the main process) of one whole run."""
    out = folder.parent / "out.json"
    args = [sys.executable, "-c",
            "import resource, sys; from fazhilint.cli import main\n"
            "try:\n    main()\nfinally:\n"
            "    sys.stderr.write(f'PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')",
            "check", str(folder), "--jobs", str(jobs), "-f", "json", "-o", str(out), "--exit-zero"]
    if not fz601:
        args += ["--ignore", "FZ601"]
    start = time.perf_counter()
    done = subprocess.run(args, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK")), 0)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    return seconds, peak / 1024


def signatures(folder: Path) -> None:
    from fazhilint.shingles import Index, normalize

    docs = [f.read_text(encoding="utf-8").split("\n") for f in sorted(folder.glob("*.txt"))]
    start = time.perf_counter()
    index = Index()
    for i, lines in enumerate(docs):
        index.add(i, [(n, 0, 0, line) for n, line in enumerate(lines, 1)])
    built = time.perf_counter() - start
    pairs = index.pairs()
    ours = time.perf_counter() - start
    print(f"  fazhilint.shingles: {len(index.passages)} paragraphs signed in {built:.2f} s, "
          f"LSH pairs {len(pairs)}, total {ours:.2f} s")
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        print("  datasketch: not installed (pip install datasketch to compare)")
        return
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=0.6, num_perm=64)
    signed = 0
    for i, lines in enumerate(docs):
        for n, line in enumerate(lines):
            text = normalize(line)
            grams = {text[j : j + 6].encode() for j in range(len(text) - 5)}
            if len(grams) < 24:
                continue
            m = MinHash(num_perm=64)
            m.update_batch(list(grams))
            lsh.insert(f"{i}:{n}", m)
            signed += 1
    built = time.perf_counter() - start
    print(f"  datasketch:         {signed} paragraphs signed and inserted in {built:.2f} s")


def main() -> None:
    txt_count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    docx_count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    pool = sentences()
    tmp = Path(tempfile.mkdtemp(prefix="fazhilint-ledger-bench-"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "fazhilint")], check=True)
    txt, docx_dir, quarter = tmp / "txt", tmp / "docx", tmp / "quarter"
    generate(txt, txt_count, "txt", pool)
    generate(quarter, txt_count // 4, "txt", pool)
    generate(docx_dir, docx_count, "docx", pool)
    print(f"{txt_count} .txt and {docx_count} .docx reports in {tmp} "
          f"(about {sum(f.stat().st_size for f in txt.iterdir()) // txt_count // 3} characters each)")
    print(f"{'files':>16} {'jobs':>4} {'FZ601':>5} {'seconds':>8} {'files/s':>8} {'peak MB':>8}")
    for name, folder, count in (("txt", txt, txt_count), ("docx", docx_dir, docx_count)):
        for jobs in (1, 2):
            for fz601 in (False, True):
                seconds, peak = check(folder, jobs, fz601)
                print(f"{count:>11} {name:>4} {jobs:>4} {'on' if fz601 else 'off':>5} {seconds:>8.2f} "
                      f"{count / seconds:>8.1f} {peak:>8.0f}")
    seconds, peak = check(quarter, 2, True)
    print(f"{txt_count // 4:>11} txt    2    on {seconds:>8.2f} {txt_count // 4 / seconds:>8.1f} {peak:>8.0f}")
    print("MinHash signatures of every paragraph of the .txt reports (in process):")
    signatures(txt)
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
