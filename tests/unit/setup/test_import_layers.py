"""Imports flow one way: site (config, cms, portal, api) → search → matching, and no circle between
modules, not even through an import inside a function (STYLE.md).

Read from the source with `ast`, so function-level imports count. The lists below are the arrows and
circles that existed when this test was written: they may only shrink. A new upward import or a new
circle fails the test; remove an entry here when the code that needed it is gone.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = {
    "matching": ROOT / "matching",
    "search": ROOT / "search",
    "config": ROOT / "site" / "config",
    "cms": ROOT / "site" / "cms",
    "portal": ROOT / "site" / "portal",
    "api": ROOT / "site" / "api",
}
LAYER = {"matching": 0, "search": 1, "config": 2, "cms": 2, "portal": 2, "api": 2}

KNOWN_UPWARD: set[tuple[str, str]] = set()  # none left: no module imports a layer above its own
KNOWN_CIRCLES: list[set[str]] = []  # none left: no module reaches itself through its imports


def _modules() -> dict[str, Path]:
    found = {}
    for base in PACKAGES.values():
        for path in base.rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(base.parent).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported_names(path: Path, package: str, modules=frozenset()) -> set[str]:
    """Every dotted name the file imports. `from pkg import sub` of submodules names the submodules only, as
    `from pkg.sub import x` does: either way Python runs pkg/__init__ first, and neither is counted for it."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(max(node.level - 1, 0)):
                base = base.rpartition(".")[0]
            module = (f"{base}.{node.module}" if node.module else base) if node.level else node.module
            submodules = {f"{module}.{alias.name}" for alias in node.names}
            if not submodules <= modules:
                names.add(module)
            names.update(submodules)
    return names


def import_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports (anywhere in the file)."""
    modules = _modules()

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = {owner(n) for n in _imported_names(path, package, frozenset(modules))}
        graph[name] = {t for t in targets if t and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def _layer(module: str) -> int:
    return LAYER[module.split(".")[0]]


def test_no_new_import_runs_against_the_layers():
    graph = import_graph()
    upward = {(a, b) for a, targets in graph.items() for b in targets if _layer(b) > _layer(a)}
    assert upward - KNOWN_UPWARD == set(), "imports against site → search → matching"


def test_no_new_circle_between_modules():
    new = [c for c in circles(import_graph()) if not any(c <= known for known in KNOWN_CIRCLES)]
    assert new == [], f"import circles: {[sorted(c) for c in new]}"


def test_the_checks_see_a_circle_and_an_upward_import():
    graph = {"matching.a": {"matching.b"}, "matching.b": {"matching.a", "search.c"}, "search.c": set()}
    assert circles(graph) == [{"matching.a", "matching.b"}]
    assert {(a, b) for a, ts in graph.items() for b in ts if _layer(b) > _layer(a)} == {("matching.b", "search.c")}


def test_importing_a_submodule_by_name_counts_for_the_submodule_not_its_package(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("from . import text\nfrom . import helper, CONSTANT\n", encoding="utf-8")
    modules = frozenset({"pkg", "pkg.text", "pkg.helper"})

    names = _imported_names(source, "pkg", modules)

    assert "pkg.text" in names and "pkg.helper" in names
    assert "pkg" in names  # CONSTANT is not a module: that line imports from the package itself
    source.write_text("from . import text\n", encoding="utf-8")
    assert _imported_names(source, "pkg", modules) == {"pkg.text"}
