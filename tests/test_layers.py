"""The shape of the code: the workflow apps are leaves, only the clearance flow calls across them.

Read from the source (every import, including those inside functions), so a new shortcut fails here.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "guomen"
LEAVES = ("declarations", "targeting", "inspections", "labs", "risk")
# Adapters turn requests, commands and demo scripts into service calls; they may call the flow.
ADAPTERS = {
    "views",
    "api",
    "urls",
    "forms",
    "admin",
    "demo",
    "management",
    "tests",
    "ephyto_api",
    "ephyto_views",
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if len(parts) < 2 or "migrations" in parts:
            continue
        yield parts[0], parts, path


def _is_adapter(parts) -> bool:
    return any(p in ADAPTERS for p in parts[1:])


def test_workflow_apps_never_call_each_others_services():
    offences = []
    for app, parts, path in _modules():
        if app not in LEAVES or "tests" in parts:
            continue
        for module, line in _imports(path):
            bits = module.split(".")
            foreign = len(bits) >= 3 and bits[0] == "guomen" and bits[1] in LEAVES and bits[1] != app
            if foreign and bits[2] == "services":
                offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not offences, "only guomen.clearance calls across the workflow apps:\n" + "\n".join(offences)


def _domain_graph() -> dict[str, set[str]]:
    graph = defaultdict(set)
    for app, parts, path in _modules():
        if _is_adapter(parts) or parts[1] == "apps":
            continue
        for module, _line in _imports(path):
            bits = module.split(".")
            if len(bits) >= 2 and bits[0] == "guomen" and bits[1] != app and (ROOT / bits[1]).is_dir():
                graph[app].add(bits[1])
    return graph


def _cycle(graph) -> list[str]:
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = "done"
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_workflow_apps_and_the_flow_form_no_import_cycle():
    graph = _domain_graph()
    sub = {a: {b for b in graph[a] if b in (*LEAVES, "clearance")} for a in (*LEAVES, "clearance")}
    cycle = _cycle(sub)
    assert not cycle, "import cycle between apps (services, selectors, models): " + " → ".join(cycle)
