"""Benchmarks: wall time and peak memory of the briefing commands, and of their floors.

    python benchmarks/run.py            # sizes 100, 1,000, 10,000; median of 5 runs
    python benchmarks/run.py --quick    # sizes 100, 1,000; median of 3 runs (< 2 min)
    python benchmarks/run.py --runs 7 --sizes 100,1000 --lo-10k

Every command runs as its own subprocess; its peak memory is that process's maximum
resident set size as GNU time reports it (/usr/bin/time -f %M, which also counts its
waited-for children, so LibreOffice's soffice.bin is included). Corpora come from benchmarks/make_corpus.py
under a temporary folder. Nothing here asserts: it measures and prints.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
PY = sys.executable
ENV = dict(os.environ, PYTHONPATH=str(PROJECT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
           SOURCE_DATE_EPOCH="1763856000", LC_ALL="C.UTF-8")


TIME = shutil.which("time", path="/usr/bin:/bin")


def measure(cmd: list[str], cwd: Path = PROJECT) -> tuple[float, float, int]:
    """Run `cmd`; return (wall seconds, peak RSS in MB, exit status).

    Peak memory comes from GNU time's %M (the command's maximum resident set, its
    waited-for children included). Not from our own wait4 rusage: a child forked from
    this Python keeps, across exec, the high-water mark of the parent's pages it shared.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as rss:
        full = [TIME, "-f", "%M", "-o", rss.name, *cmd] if TIME else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        lines = rss.read().split()
        peak_kb = int(lines[-1]) if TIME and lines and lines[-1].isdigit() else usage.ru_maxrss
    return wall, peak_kb / 1024, proc.returncode


class Results:
    def __init__(self, runs: int) -> None:
        self.runs = runs
        self.rows: dict[tuple[str, str], tuple[float, float, int, int]] = {}

    def bench(self, name: str, size: str, cmd: list[str], runs: int | None = None,
              before=None) -> None:
        walls, peaks, bad = [], [], 0
        for _ in range(runs or self.runs):
            if before:
                before()
            wall, peak, rc = measure(cmd)
            walls.append(wall)
            peaks.append(peak)
            bad += rc != 0
        self.rows[(name, size)] = (statistics.median(walls), statistics.median(peaks),
                                   len(walls), bad)
        med, peak = self.rows[(name, size)][:2]
        note = f"  ({bad} non-zero exits)" if bad else ""
        print(f"  {name:<34} {size:>7} {med:8.3f} s {peak:8.1f} MB{note}", flush=True)

    def get(self, name: str, size: str) -> float | None:
        row = self.rows.get((name, size))
        return row[0] if row else None


def fact_texts(root: Path) -> list[str]:
    texts = []
    for f in sorted((root / "seeds" / "facts").glob("*.yaml")):
        texts += [fact["text"] for fact in yaml.safe_load(f.read_text("utf-8"))["facts"]]
    return texts


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                      if l.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    import docx  # noqa: E401
    import jinja2
    import reportlab
    out = [f"nproc {os.cpu_count()}; CPU {cpu}; memory {mem_kb / 1048576:.1f} GiB",
           f"Python {platform.python_version()}; reportlab {reportlab.Version}; "
           f"python-docx {getattr(docx, '__version__', '?')}; Jinja2 {jinja2.__version__}; "
           f"PyYAML {yaml.__version__}"]
    if shutil.which("pandoc"):
        out.append(subprocess.run(["pandoc", "--version"], capture_output=True,
                                  text=True).stdout.splitlines()[0])
    if shutil.which("soffice"):
        out.append(subprocess.run(["soffice", "--version"], capture_output=True,
                                  text=True).stdout.strip())
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="sizes 100 and 1,000, 3 runs each")
    parser.add_argument("--runs", type=int, help="runs per command (default 5; 3 with --quick)")
    parser.add_argument("--sizes", help="comma-separated fact counts")
    parser.add_argument("--lo-10k", action="store_true",
                        help="also run LibreOffice at 10,000 facts (over a minute a run)")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
             else [100, 1000] if args.quick else [100, 1000, 10000])
    res = Results(runs)
    soffice, pandoc = shutil.which("soffice"), shutil.which("pandoc")
    print("\n".join(machine()))
    print(f"runs per command: {runs}; sizes: {sizes}\n")
    print(f"  {'command':<34} {'size':>7} {'median':>10} {'peak':>11}")

    # Measure the package as installed: pip compiles its modules at install time. A
    # development checkout under PYTHONDONTWRITEBYTECODE (set on this machine) would
    # otherwise compile ~9,000 lines, about 0.2 s, in every run of every command.
    compileall.compile_dir(PROJECT / "briefing", quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    lo_profile = tmp / "lo-profile"
    lo_cmd = ([soffice, f"-env:UserInstallation=file://{lo_profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(tmp / "lo")] if soffice else None)
    try:
        # The real project: the shipped facts and outlines, into a scratch folder.
        real_out = tmp / "real-out"
        bcli = [PY, "-m", "briefing"]
        res.bench("briefing --help", "-", bcli + ["--help"])
        res.bench("check (shipped facts)", "real", bcli + ["--root", str(PROJECT), "check"])
        res.bench("build all outlines --force", "real",
                  bcli + ["--root", str(PROJECT), "build", "--out", str(real_out), "--force"])
        res.bench("build all outlines, up to date", "real",
                  bcli + ["--root", str(PROJECT), "build", "--out", str(real_out)])
        if lo_cmd:  # LibreOffice's first start writes its profile: keep it out of the figures
            measure(lo_cmd + [str(real_out / "quick-brief.docx")])

        for n in sizes:
            size = f"{n:,}"
            root = tmp / f"corpus-{n}"
            subprocess.run([PY, str(HERE / "make_corpus.py"), str(n), str(root)], check=True,
                           env=ENV)
            texts = tmp / f"texts-{n}.txt"
            texts.write_text("\n".join(fact_texts(root)) + "\n", encoding="utf-8")
            out = tmp / f"out-{n}"
            broot = bcli + ["--root", str(root)]
            res.bench("check", size, broot + ["check"])
            for fmt in ("md", "html", "docx", "pdf"):
                res.bench(f"build all-facts {fmt}", size,
                          broot + ["build", "all-facts", "--format", fmt, "--out", str(out),
                                   "--force"])
            # The same with nothing kept from an earlier run (.briefing-cache): a first run,
            # or one after every fact file changed.
            def forget(root=root):
                shutil.rmtree(root / ".briefing-cache", ignore_errors=True)

            res.bench("check, no cache", size, broot + ["check"], before=forget)
            for fmt in ("docx", "pdf"):
                res.bench(f"build all-facts {fmt}, no cache", size,
                          broot + ["build", "all-facts", "--format", fmt, "--out", str(out),
                                   "--force"], before=forget)
            res.bench("floor python-docx", size,
                      [PY, str(HERE / "floors.py"), "docx", str(texts), str(tmp / "floor.docx")])
            res.bench("floor reportlab", size,
                      [PY, str(HERE / "floors.py"), "pdf", str(texts), str(tmp / "floor.pdf")])
            if pandoc:
                res.bench("pandoc our md -> docx", size,
                          [pandoc, str(out / "all-facts.md"), "-o", str(tmp / "pandoc.docx")])
            if lo_cmd and (n <= 1000 or args.lo_10k):
                res.bench("LibreOffice our docx -> pdf", size, lo_cmd + [str(out / "all-facts.docx")])
            elif lo_cmd:
                print(f"  {'LibreOffice our docx -> pdf':<34} {size:>7}   skipped (over a minute "
                      "a run; --lo-10k to include)")
            shutil.rmtree(root)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # The table and the ratios.
    print("\n| command | size | median s | peak MB |\n|---|---:|---:|---:|")
    for (name, size), (med, peak, n_runs, bad) in res.rows.items():
        print(f"| {name} | {size} | {med:.3f} | {peak:.1f} |" + (f" {bad} failed" if bad else ""))

    def ratio(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}x" if a is not None and b else "n/a"

    print("\nRatios (median wall time)")
    for n in sizes:
        s = f"{n:,}"
        for cache in ("", ", no cache"):
            pdf, docx = res.get(f"build all-facts pdf{cache}", s), res.get(f"build all-facts docx{cache}", s)
            print(f"  {s:>7} facts{cache or ', cached':<10}: PDF build / reportlab floor  "
                  f"{ratio(pdf, res.get('floor reportlab', s))};  DOCX build / python-docx floor  "
                  f"{ratio(docx, res.get('floor python-docx', s))}")
        pd, lo = res.get("pandoc our md -> docx", s), res.get("LibreOffice our docx -> pdf", s)
        ours, md = res.get("build all-facts pdf", s), res.get("build all-facts md", s)
        if pd is not None and lo is not None and ours:
            print(f"           pandoc md->docx + LibreOffice docx->pdf = {pd + lo:.2f} s, "
                  f"{ratio(pd + lo, ours)} our direct PDF build ({ours:.2f} s); with our md "
                  f"build first {md + pd + lo:.2f} s, {ratio(md + pd + lo, ours)}")
    if 1000 in sizes and 10000 in sizes:
        print("\nGrowth 10,000 / 1,000 facts (median wall time)")
        for name in dict.fromkeys(k[0] for k in res.rows):
            r = ratio(res.get(name, "10,000"), res.get(name, "1,000"))
            if r != "n/a":
                print(f"  {name:<34} {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
