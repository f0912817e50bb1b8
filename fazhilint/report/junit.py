"""JUnit XML: one test suite per file, one failing test case per finding (CI test-report views)."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def render(results, out, context) -> None:
    total = sum(len(r.diagnostics) for r in results)
    root = ET.Element("testsuites", name="fazhilint", tests=str(max(total, len(results))), failures=str(total))
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.path, tests=str(max(1, len(r.diagnostics))),
                              failures=str(len(r.diagnostics)))
        if not r.diagnostics:
            ET.SubElement(suite, "testcase", name="未发现问题", classname=r.path, file=r.path)
        for d in r.diagnostics:
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {d.name} {d.line}:{d.column}",
                                 classname=r.path, file=d.path, line=str(d.line))
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            where = f" [{d.location}]" if d.location else ""
            failure.text = f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity.chinese}] {d.message}{where}"
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
