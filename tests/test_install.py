"""Installs as users install: a fresh clone's `make run` on the distribution's Python, and the built
wheel in a fresh venv outside the checkout.

Both use the package registry (through uv's cache when it is warm), so they are slow tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

# Debian 12/13 and Ubuntu 24.04 ship it marked externally managed (PEP 668): pip refuses to install into it.
DISTRIBUTION_PYTHON = Path("/usr/bin/python3")
INSTALL_TIMEOUT_SECONDS = 900
SAMPLE_ARTICLES = len(list((ROOT / "seeds").glob("*.txt")))


def uv_command() -> str:
    """The uv `make` installed into .tools/, else one on PATH."""
    bundled = ROOT / ".tools" / "bin" / "uv"
    found = str(bundled) if bundled.exists() else shutil.which("uv")
    assert found, "no uv: run `make install` first"
    return found


def isolated_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The test's environment without this checkout's venv, with a Prefect home of its own."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT"}}
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if not p.startswith(str(ROOT)))
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    return env | extra


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_SECONDS)
    assert done.returncode == 0, f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def stop_server(newsfacts: Path, tmp_path: Path) -> None:
    """Stop the Prefect server the run started in the test's PREFECT_HOME."""
    if newsfacts.exists():
        run([str(newsfacts), "server", "stop"], tmp_path, isolated_env(tmp_path))


def articles_in(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute("SELECT count(*) FROM article_facts").fetchall()  # the views came with the package
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def is_externally_managed(python: Path) -> bool:
    stdlib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


@pytest.mark.skipif(not DISTRIBUTION_PYTHON.exists(), reason="no distribution python3 on this machine")
def test_make_run_in_a_fresh_clone_with_the_distribution_python(tmp_path):
    assert is_externally_managed(DISTRIBUTION_PYTHON), "expected the distribution's Python to refuse pip installs"
    clone = tmp_path / "clone"
    run(["git", "clone", "--quiet", str(ROOT), str(clone)], tmp_path, isolated_env(tmp_path))
    try:
        run(["make", "run", f"PYTHON={DISTRIBUTION_PYTHON}"], clone, isolated_env(tmp_path))
    finally:
        stop_server(clone / ".venv" / "bin" / "newsfacts", tmp_path)
    venv_python = clone / ".venv" / "bin" / "python"
    version = run([str(venv_python), "-c", "import sys; print(sys.base_prefix)"], clone, isolated_env(tmp_path))
    assert version.stdout.strip() == "/usr", "the project must run on the Python it was given"
    assert articles_in(clone / "warehouse" / "newsfacts.duckdb") == SAMPLE_ARTICLES


def test_the_built_wheel_runs_from_any_directory(tmp_path):
    uv, env = uv_command(), isolated_env(tmp_path)
    run([uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)], tmp_path, env)
    (wheel,) = (tmp_path / "dist").glob("newsfacts-*.whl")
    venv = tmp_path / "venv"
    run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], tmp_path, env)
    run([uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(wheel)], tmp_path, env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    default_warehouse = tmp_path / "data" / "newsfacts.duckdb"
    try:
        run([str(venv / "bin" / "newsfacts"), "run", "--sample"], elsewhere,
            env | {"NEWSFACTS_WAREHOUSE": str(default_warehouse)})
    finally:
        stop_server(venv / "bin" / "newsfacts", tmp_path)
    assert articles_in(default_warehouse) == SAMPLE_ARTICLES
    assert not any(elsewhere.iterdir()), "a run must write only where it is told"
