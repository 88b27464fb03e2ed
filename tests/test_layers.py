"""The import rule, read from the source files:
commands -> analysis -> batch -> report -> files -> core.

Nothing imports upward, nothing imports in a circle, and the core imports only the standard
library (plus Babel and num2words, lazily, to word figures the Indonesian way). The Excel
edges (the button ``lkj_excel.xl``, the UDFs ``lkj_excel.udf``) import only the core and
the file adapters, so a staff PC's click never loads the report or the batch.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.kit import ROOT

PACKAGE = ROOT / "lkj_excel"
#: a layer may import itself and the layers after it
ORDER = ("commands", "analysis", "batch", "report", "files", "core")
#: the modules other programs call by name stay at the top of the package
ENTRIES = {
    # lkj_excel.main() is the button's entry; baca() and rekap() the notebooks' (lazily)
    "lkj_excel": {"core", "xl", "files", "analysis"},
    "lkj_excel.__main__": {"cli"},
    "lkj_excel.cli": {"commands", "core"},  # the console script
    "lkj_excel.xl": {"core", "files"},      # the Hitung button (lkj_excel.xl.run_tag too)
    "lkj_excel.udf": {"core"},              # the worksheet functions (UDF MODULES)
}
CORE_MAY_USE = {"babel", "num2words"}
NEVER_IN_CORE = {"openpyxl", "python_calamine", "xlwings", "docxtpl", "docx", "pptx",
                 "xlsxwriter", "matplotlib", "pandas", "numpy", "defusedxml", "distributed",
                 "dask", "rich", "jinja2"}


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports(path: Path) -> list[tuple[str, int]]:
    """(module, line) of every import in the file, also those inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            if node.module == "lkj_excel" or node.module.startswith("lkj_excel."):
                # "from lkj_excel.core import schema" imports the module lkj_excel.core.schema
                found += [(f"{node.module}.{a.name}", node.lineno) for a in node.names]
    return found


def part_of(module: str) -> str:
    """The layer ("core", ...) or the entry module a module belongs to."""
    bits = module.split(".")
    if len(bits) > 1 and bits[1] in ORDER:
        return bits[1]
    return ".".join(bits[:2]) if len(bits) > 1 else bits[0]


MODULES = modules()


def internal(target: str) -> str | None:
    """The package module an import names (the longest known prefix), or None."""
    if not (target == "lkj_excel" or target.startswith("lkj_excel.")):
        return None
    while target not in MODULES and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


def allowed(src: str, dst: str) -> bool:
    a, b = part_of(src), part_of(dst)
    if a in ENTRIES:
        return b == a or (b in ORDER and b in ENTRIES[a]) or \
            (b in ENTRIES and b.rsplit(".", 1)[-1] in ENTRIES[a])
    if a in ORDER:
        return b in ORDER and ORDER.index(b) >= ORDER.index(a)
    return False


def test_every_module_belongs_to_a_layer_or_is_an_entry() -> None:
    strays = [m for m in MODULES if part_of(m) not in ORDER and part_of(m) not in ENTRIES]
    assert strays == [], f"modules outside the layers: {strays}"


def test_nothing_imports_upward() -> None:
    wrong = []
    for mod, path in MODULES.items():
        for target, line in imports(path):
            dst = internal(target)
            if dst is not None and dst != mod and not allowed(mod, dst):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {mod} -> {dst}")
    assert wrong == [], "imports against the rule:\n" + "\n".join(wrong)


def test_core_imports_only_the_standard_library() -> None:
    wrong = []
    for mod, path in MODULES.items():
        if part_of(mod) != "core":
            continue
        for target, line in imports(path):
            top = target.split(".")[0]
            if top in ("lkj_excel", "__future__") or top in sys.stdlib_module_names:
                continue
            if top in CORE_MAY_USE:
                continue
            wrong.append(f"{path.relative_to(ROOT)}:{line}: {target}")
    assert wrong == [], "the core imports an adapter or a third-party package:\n" + \
        "\n".join(wrong)


def test_core_uses_babel_and_num2words_only_inside_functions() -> None:
    for mod, path in MODULES.items():
        if part_of(mod) != "core":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) \
                    else [node.module or ""]
                assert not {n.split(".")[0] for n in names} & (CORE_MAY_USE | NEVER_IN_CORE), \
                    f"{path.relative_to(ROOT)}:{node.lineno}"


def test_no_import_circles() -> None:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for mod, path in MODULES.items():
        for target, _ in imports(path):
            dst = internal(target)
            # a package's __init__ is imported with its modules: not an edge of its own
            if dst is not None and dst != mod and not mod.startswith(dst + "."):
                graph[mod].add(dst)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                pytest.fail("import circle: " + " -> ".join(stack[stack.index(n):] + [n]))
            if n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_the_rule_itself_catches_an_upward_import() -> None:
    # a test that cannot fail is a defect: the checker flags what it should
    assert not allowed("lkj_excel.core.compute", "lkj_excel.files.read")
    assert not allowed("lkj_excel.files.writer", "lkj_excel.report.render")
    assert not allowed("lkj_excel.report.render", "lkj_excel.batch.merge")
    assert not allowed("lkj_excel.xl", "lkj_excel.report.render")
    assert allowed("lkj_excel.batch.run", "lkj_excel.report.render")
    assert allowed("lkj_excel.commands.laporan", "lkj_excel.batch.merge")
    assert allowed("lkj_excel.analysis.collect", "lkj_excel.batch.merge")
    assert not allowed("lkj_excel.batch.run", "lkj_excel.analysis.collect")
    assert part_of("lkj_excel.core.schema") == "core"
