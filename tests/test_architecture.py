"""Conventions that keep the code honest: core free of Streamlit, one module talks to DuckDB,
no f-string SQL, thin pages."""
import ast
import re

from conftest import ROOT

CORE = sorted((ROOT / "berdaya_core").rglob("*.py"))
PAGES = sorted((ROOT / "pages").glob("*.py"))
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP)\b")


def imports(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_core_never_imports_streamlit():
    offenders = [p.name for p in CORE if "streamlit" in set(imports(p))]
    assert offenders == []


def test_only_store_talks_to_duckdb():
    users = {p.relative_to(ROOT).as_posix() for p in CORE + PAGES if "duckdb" in set(imports(p))}
    assert users == {"berdaya_core/store.py"}


def test_no_fstring_sql():
    offenders = []
    for p in CORE + PAGES + [ROOT / "app.py", ROOT / "ui_common.py"]:
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.JoinedStr):
                text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if SQL_WORDS.search(text):
                    offenders.append(f"{p.name}:{node.lineno}")
    assert offenders == []


def test_pages_are_thin():
    for p in PAGES + [ROOT / "app.py"]:
        src = p.read_text()
        assert not SQL_WORDS.search(src), p.name
        assert "pandas" not in set(imports(p)), p.name
        assert "get_store()" not in src, p.name  # pages call views, never the store
