"""The shape of the code, checked: the rules of ``docs/architecture.md`` that a machine can see.

- Dependencies point down: the kernel (``portal.core``) imports no app; ``penilaian`` imports
  neither ``pelatihan`` nor ``home`` nor the project package; ``pelatihan`` imports neither
  ``home`` nor the project package. Only the kernel is shared.
- Modules stay small (at most 400 lines, migrations aside) and a layer with several domains is
  a package (no ``views_x.py`` beside ``views.py``).
- An import inside a function says why on its line (a cycle it breaks or a heavy library it
  defers).
- No work-tracker tags in code, and no comment or docstring cites a file the repository lacks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "penilaian", "pelatihan", "home")
MAX_LINES = 400
LAYERS = ("models", "services", "selectors", "views", "forms", "urls", "admin", "permissions", "resources")

# package → top-level packages it must not import (``portal.core`` is always allowed)
FORBIDDEN = {
    "portal.core": {"portal", "penilaian", "pelatihan", "home"},
    "penilaian": {"portal", "pelatihan", "home"},
    "pelatihan": {"portal", "home"},
}


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, module: str, is_package: bool):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            yield node, name


def _owner(module: str) -> str | None:
    if module == "portal.core" or module.startswith("portal.core."):
        return "portal.core"
    top = module.split(".")[0]
    return top if top in FORBIDDEN else None


MODULES = list(_modules())


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_dependencies_point_down(path):
    module = _dotted(path)
    owner = _owner(module)
    if owner is None:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for node, name in _imports(tree, module, path.name == "__init__.py"):
        if name == "portal.core" or name.startswith("portal.core."):
            continue
        if name.split(".")[0] in FORBIDDEN[owner] and not name.startswith(owner + ".") and name != owner:
            bad.append(f"line {node.lineno}: {name}")
    assert not bad, f"{module} imports upward: {bad}"


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in MODULES if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules by domain: {long}"


def test_a_layer_with_several_domains_is_a_package():
    siblings = [
        str(p.relative_to(ROOT))
        for p in MODULES
        if any(p.stem.startswith(layer + "_") for layer in LAYERS)
    ]
    assert not siblings, f"make these modules of a package (layer/domain.py): {siblings}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_an_import_inside_a_function_says_why(path):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    silent = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                text = " ".join(lines[node.lineno - 1 : node.end_lineno])
                if "#" not in text:
                    silent.append(node.lineno)
    assert not silent, f"{path.relative_to(ROOT)}: imports inside functions without a reason on lines {silent}"


TAG = re.compile(r"\b(issue|task)\s*#?\d+\b", re.IGNORECASE)
CITED = re.compile(r"(?<![\w/.])((?:\.\./)*[\w-]+(?:/[\w.-]+)*\.md|(?:[\w-]+/)+[\w-]+\.py)\b")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_tracker_tags_and_no_citation_of_a_missing_file(path):
    text = path.read_text(encoding="utf-8")
    tags = TAG.findall(text)
    assert not tags, f"{path.relative_to(ROOT)}: tracker tags in code: {tags}"
    missing = sorted({c for c in CITED.findall(text) if not (ROOT / c).exists() and not (path.parent / c).exists()})
    assert not missing, f"{path.relative_to(ROOT)} cites files the repository lacks: {missing}"
