"""Build a wheelhouse: fazhilint and every dependency as wheels, for intranet machines without internet.

    python tools/make_wheelhouse.py                  # Windows x64 and Linux x86_64, Python 3.11–3.13
    python tools/make_wheelhouse.py --here           # only this machine's platform and Python
    python tools/make_wheelhouse.py --out D:/离线安装包

Run it from a source checkout on a machine with internet (or a package mirror), copy the folder
to the intranet machine and install with one command:

    pip install --no-index --find-links wheelhouse "fazhilint[xlsx]"

Everything is a wheel (``--only-binary=:all:``): nothing is compiled on the intranet machine. jieba
publishes only a source archive; its wheel (pure Python, for every platform) is built here once.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLATFORMS = {
    "Windows x64": ["win_amd64"],
    # oldest glibc first (CentOS 7 era), so the wheel fits the most intranet machines (麒麟、统信 included)
    "Linux x86_64": ["manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64"],
}
PYTHONS = ["3.11", "3.12", "3.13"]
EXTRAS = "xlsx"  # the Excel summary is what a county office asks for first
SOURCE_ONLY = ["jieba>=0.42"]  # dependencies without wheels on PyPI: built here (pure Python)


def pip(*args: str) -> None:
    command = [sys.executable, "-m", "pip", *args]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True)


def build(out: Path, here: bool) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(REPO))
    pip("wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), *SOURCE_ONLY)
    wheel = max(out.glob("fazhilint-*.whl"), key=lambda p: p.stat().st_mtime)
    requirement = f"{wheel}[{EXTRAS}]"
    common = ["download", "--quiet", "--dest", str(out), "--find-links", str(out), "--only-binary=:all:"]
    if here:
        pip(*common, requirement)
    else:
        for name, tags in PLATFORMS.items():
            for version in PYTHONS:
                print(f"== {name}, Python {version}", flush=True)
                pip(*common, "--implementation", "cp", "--python-version", version,
                    *(f"--platform={tag}" for tag in tags), requirement)
    (out / "安装说明.txt").write_text(
        "在没有互联网的电脑上，进入本文件夹的上一级，运行（Windows 用 py -m pip，Linux 用 python3 -m pip）：\n\n"
        f"    python -m pip install --no-index --find-links {out.name} \"fazhilint[{EXTRAS}]\"\n\n"
        "然后：fazhilint check 报告.docx\n", encoding="utf-8")
    return wheel


def main() -> None:
    parser = argparse.ArgumentParser(description="为离线安装准备 fazhilint 及全部依赖的 wheel 文件")
    parser.add_argument("--out", type=Path, default=Path("wheelhouse"), help="输出文件夹（默认 wheelhouse）")
    parser.add_argument("--here", action="store_true", help="只为本机的平台和 Python 版本准备")
    args = parser.parse_args()
    build(args.out, args.here)
    wheels = sorted(args.out.glob("*.whl"))
    print(f"{args.out}: {len(wheels)} 个 wheel 文件；离线安装：pip install --no-index --find-links {args.out} "
          f"\"fazhilint[{EXTRAS}]\"")


if __name__ == "__main__":
    main()
