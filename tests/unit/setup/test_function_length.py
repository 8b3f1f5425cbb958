"""Functions a reader can hold (STYLE.md): none over 60 lines outside tests/ and migrations/.

Measured with `ast` from the `def` line (decorators excluded) to the function's last line, docstring and
comments included; nested functions count within their parent and on their own.
"""

import ast
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 60
SKIPPED_FOLDERS = {"tests", "migrations", "node_modules", "__pycache__"}


def _sources() -> list[Path]:
    """Every Python file of the project; hidden folders (the virtualenv, git's) are not entered."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in SKIPPED_FOLDERS and not d.startswith(".")]
        found.extend(Path(folder) / name for name in files if name.endswith(".py"))
    return found


def long_functions(source: str, limit: int = LIMIT) -> list[tuple[str, int, int]]:
    """(name, first line, length) of every function longer than ``limit`` lines."""
    return [
        (node.name, node.lineno, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > limit
    ]


def test_no_function_is_over_60_lines():
    found = [
        f"{path.relative_to(ROOT)}:{line} {name} ({length} lines)"
        for path in _sources()
        for name, line, length in long_functions(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "split these into named steps: " + "; ".join(found)


def test_the_check_reads_the_project_and_sees_a_long_function():
    names = {str(path.relative_to(ROOT)) for path in _sources()}
    assert "matching/services/matches.py" in names and "bench/scale_load.py" in names
    assert not any(name.startswith("tests/") or "/migrations/" in name for name in names)

    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    source = f"def short():\n    pass\n\n\nasync def long():\n{body}\n"
    assert long_functions(source) == [("long", 5, LIMIT + 1)]
