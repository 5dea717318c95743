"""The import rules of the house (README, "Layout"), read from the source with ``ast``.

``ocr/`` reads and recognises, ``normalize/`` restores, ``extract/`` interprets, ``output/``
writes: none reaches into a stage it does not need. ``pipeline.py`` joins them.
"""

from __future__ import annotations

import ast
import re
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
    assert any(f.module == "sohoa.pipeline" and f.target.startswith("sohoa.ocr") for f in IMPORTS)
    assert any(f.in_function for f in IMPORTS)


# --- no hidden state in the restorer and the model it loads -----------------------------------

STATELESS = ("normalize", "corpus")
MUTABLE_CALLS = {"list", "dict", "set", "bytearray", "defaultdict", "OrderedDict", "Counter"}
MUTATING_METHODS = {
    "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear",
    "remove", "discard", "sort", "reverse", "appendleft", "__setitem__", "__delitem__",
}  # fmt: skip
CONSTANT_NAME = re.compile(r"_?[A-Z][A-Z0-9_]*|__[a-z]+__")


def _is_mutable(value: ast.expr) -> bool:
    """A list, dict or set (display, comprehension or constructor call): a value that can
    change in place. Tuples, frozensets, strings, numbers and dataclass instances cannot."""
    displays = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
    if isinstance(value, displays):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name in MUTABLE_CALLS or name == "deque"
    return False


def module_level_mutables(path: Path) -> list[tuple[str, int]]:
    """Names bound at module level (also under a module-level ``if``/``try``) to a mutable
    value, with their lines."""
    found: list[tuple[str, int]] = []
    todo = list(ast.parse(path.read_text(encoding="utf-8")).body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, ast.If | ast.Try):
            todo += [*node.body, *node.orelse, *getattr(node, "finalbody", [])]
            todo += [n for handler in getattr(node, "handlers", []) for n in handler.body]
        elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if _is_mutable(node.value):
                found += [(ast.unparse(t), node.lineno) for t in targets]
    return found


def mutations(tree: ast.AST) -> set[str]:
    """Names changed in place somewhere in a module: ``NAME[k] = v``, ``del NAME[k]``,
    ``NAME += …``, ``NAME.append(…)`` and the other mutating methods (also as ``mod.NAME``);
    and every name declared ``global`` (rebound from inside a function)."""
    changed: set[str] = set()

    def base(node: ast.expr) -> str:
        while isinstance(node, ast.Subscript):
            node = node.value
        return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")

    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            changed.update(node.names)
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for target in targets:
                if isinstance(node, ast.AugAssign) or isinstance(target, ast.Subscript):
                    changed.add(base(target))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MUTATING_METHODS
        ):
            changed.add(base(node.func.value))
    return changed


def test_no_module_level_mutable_state_in_the_restorer_or_its_model() -> None:
    """The rule: in ``normalize/`` and ``corpus/``, a module-level name bound to a list, dict
    or set (display, comprehension or constructor) is a constant: named in CAPITALS (or a
    dunder such as ``__all__``) and never changed in place or rebound through ``global``
    anywhere in the package. State that lives between calls is a declared, bounded cache
    (``functools.lru_cache(maxsize=…)``) or a field of an object the caller owns."""
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in MODULES.values()]
    changed = set().union(*(mutations(tree) for tree in trees))
    offenders = []
    for module, path in MODULES.items():
        if folder(module) not in STATELESS:
            continue
        for name, line in module_level_mutables(path):
            if not CONSTANT_NAME.fullmatch(name):
                offenders.append(f"{module} (line {line}): {name} is not named as a constant")
            elif name in changed:
                offenders.append(f"{module} (line {line}): {name} is changed in place")
    assert offenders == []


def test_caches_in_the_restorer_and_its_model_are_bounded() -> None:
    """``functools.cache`` and ``lru_cache(maxsize=None)`` grow for as long as the process
    runs (a batch of thousands of documents): every cache there names its bound."""
    unbounded = []
    for module, path in MODULES.items():
        if folder(module) not in STATELESS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                text = ast.unparse(decorator)
                if text.split(".")[-1] == "cache" or (
                    "lru_cache" in text and "maxsize=" not in text.replace("maxsize=None", "")
                ):
                    unbounded.append(f"{module}.{node.name}: @{text}")
    assert unbounded == []


def test_the_state_checker_sees_mutable_state() -> None:
    """The rules above find what they forbid."""
    tree = ast.parse("_CACHE = {}\nrows = []\n\ndef f():\n    _CACHE['a'] = 1\n")
    assert mutations(tree) == {"_CACHE"}
    assert [_is_mutable(n.value) for n in tree.body[:2]] == [True, True]  # type: ignore[attr-defined]
    assert not CONSTANT_NAME.fullmatch("rows") and CONSTANT_NAME.fullmatch("_CACHE")


# --- sizes a newcomer reads in one sitting -------------------------------------------------

MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 80
# What is still too long, by file (issue 16): empty since session 10 split the last ones. A
# file listed here that is no longer too long fails the test below, so the lists only shrink.
LONG_MODULES: set[str] = set()
LONG_FUNCTIONS: dict[str, set[str]] = {}
NOT_CODE = {".venv", ".cache", ".git", "out"}


def python_files() -> list[Path]:
    """Every Python file of the checkout: the package, bench/ and tests/."""
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not NOT_CODE & set(path.relative_to(ROOT).parts)
        and not path.relative_to(ROOT).parts[0].startswith(".")
    ]


def too_long(path: Path) -> tuple[int | None, dict[str, int]]:
    """The module's line count if over MAX_MODULE_LINES, and its functions (methods and
    nested functions too) over MAX_FUNCTION_LINES with their line counts."""
    text = path.read_text(encoding="utf-8")
    lines = len(text.splitlines())
    functions = {
        node.name: node.end_lineno - node.lineno + 1  # type: ignore[operator]
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES  # type: ignore[operator]
    }
    return (lines if lines > MAX_MODULE_LINES else None), functions


def test_no_module_or_function_is_too_long_to_read_in_one_sitting() -> None:
    """No module over MAX_MODULE_LINES lines, no function over MAX_FUNCTION_LINES, but for
    those still listed in LONG_MODULES and LONG_FUNCTIONS."""
    offenders = []
    for path in python_files():
        name = path.relative_to(ROOT).as_posix()
        lines, functions = too_long(path)
        if lines and name not in LONG_MODULES:
            offenders.append(f"{name}: {lines} lines")
        for function, length in functions.items():
            if function not in LONG_FUNCTIONS.get(name, set()):
                offenders.append(f"{name}: {function} is {length} lines")
    assert offenders == []


def test_the_list_of_what_is_too_long_only_names_what_still_is() -> None:
    """An entry whose file was split is taken off, so the lists say what remains."""
    split = []
    for name in sorted(LONG_MODULES | set(LONG_FUNCTIONS)):
        path = ROOT / name
        lines, functions = too_long(path) if path.exists() else (None, {})
        if name in LONG_MODULES and not lines:
            split.append(f"{name} is no longer over {MAX_MODULE_LINES} lines: take it off")
        for function in sorted(LONG_FUNCTIONS.get(name, set()) - set(functions)):
            split.append(f"{name}: {function} is no longer over {MAX_FUNCTION_LINES} lines")
    assert split == []


def test_the_size_checker_sees_a_long_function(tmp_path: Path) -> None:
    path = tmp_path / "long.py"
    body = "".join(f"    x{i} = {i}\n" for i in range(MAX_FUNCTION_LINES))
    path.write_text(f"def short():\n    pass\n\n\ndef long():\n{body}", encoding="utf-8")
    assert too_long(path) == (None, {"long": MAX_FUNCTION_LINES + 1})
    path.write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert too_long(path) == (MAX_MODULE_LINES + 1, {})
