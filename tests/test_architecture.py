"""The import rules of the house (README, "Layout"), read from the source with ``ast``.

``ocr/`` reads and recognises, ``normalize/`` restores, ``extract/`` interprets, ``output/``
writes: none reaches into a stage it does not need. ``pipeline.py`` joins them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_PACKAGE = {"tests", "bench", "docs", "samples", ".venv", ".ci", "out"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. sohoa.ocr.ingest
    target: str  # the imported sohoa module, e.g. sohoa.extract.table_grid
    line: int
    in_function: bool
    type_checking: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("sohoa", *parts))


def package_files() -> dict[str, Path]:
    files = {}
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in NOT_PACKAGE or relative.parts[0].startswith("."):
            continue
        files[module_name(path)] = path
    return files


MODULES = package_files()


def resolve(name: str) -> str:
    """The module an import names: ``sohoa.x.y`` itself, or the package holding name ``y``."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports_of(module: str) -> list[Import]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool, type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, True, type_checking)
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                visit(child, in_function, True)
            elif isinstance(child, ast.Import | ast.ImportFrom):
                for target in _targets(child):
                    found.append(Import(module, target, child.lineno, in_function, type_checking))
            else:
                visit(child, in_function, type_checking)

    visit(tree, False, False)
    return found


def _targets(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif node.module is None or node.level:
        return []
    else:
        names = [f"{node.module}.{alias.name}" for alias in node.names]
    return [resolve(n) for n in names if n == "sohoa" or n.startswith("sohoa.")]


IMPORTS = [found for module in MODULES for found in imports_of(module)]


def folder(module: str) -> str:
    """``sohoa.ocr.ingest`` -> ``ocr``; a top-level module is its own folder."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(source: str, target_prefixes: tuple[str, ...]) -> list[str]:
    return [
        f"{found.module} (line {found.line}) imports {found.target}"
        for found in IMPORTS
        if folder(found.module) == source
        and not found.type_checking
        and any(
            found.target == prefix or found.target.startswith(prefix + ".")
            for prefix in target_prefixes
        )
    ]


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("ocr", ("sohoa.extract", "sohoa.output")),  # reading knows nothing of what follows
        ("output", ("sohoa.ocr",)),  # writers take the document; pixels via sohoa.render
        ("extract", ("sohoa.ocr",)),  # interpreting is given what was read (and a reader)
    ],
)
def test_a_stage_does_not_reach_into_another(source: str, forbidden: tuple[str, ...]) -> None:
    assert violations(source, forbidden) == []


def test_the_restorer_never_imports_the_model_builder() -> None:
    builders = tuple(m for m in MODULES if m.startswith("sohoa.corpus.build"))
    assert builders, "the model builder moved: update this test"
    assert violations("normalize", builders) == []


def module_graph() -> dict[str, set[str]]:
    """Imports made when a module is imported (module level), the package root left out
    (every submodule imports it first)."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for found in IMPORTS:
        if not found.in_function and not found.type_checking and found.target != "sohoa":
            graph[found.module].add(found.target)
    return graph


def reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        if module == goal:
            return True
        if module not in seen:
            seen.add(module)
            todo.extend(graph.get(module, ()))
    return False


def test_no_import_inside_a_function_hides_a_cycle() -> None:
    """An import inside a function is fine to keep start-up cheap, never to dodge a cycle:
    the imported module must not import (at module level, however indirectly) the importer."""
    graph = module_graph()
    hidden = [
        f"{found.module} (line {found.line}) imports {found.target}, which imports it back"
        for found in IMPORTS
        if found.in_function
        and found.target != "sohoa"
        and found.target != found.module
        and reaches(graph, found.target, found.module)
    ]
    assert hidden == []


def test_the_checker_sees_the_imports() -> None:
    """The rules above are only worth something if imports are found at all."""
    assert len(MODULES) > 50
    assert any(
        f.module == "sohoa.pipeline" and f.target.startswith("sohoa.ocr") for f in IMPORTS
    )
    assert any(f.in_function for f in IMPORTS)
