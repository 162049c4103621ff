#!/usr/bin/env python3
"""Print each failed test of one or more .trx files with the first lines of its error.

Used by scripts/test.sh so that the end of a CI log names what failed (the log's
head is often cut). Usage: trx-failures.py FILE.trx [...]; prints nothing when
every test passed; exit code 0 always.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
MAX_LINES = 12

for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        print(f"{path}: unreadable ({error})")
        continue
    for result in root.iter(NS + "UnitTestResult"):
        if result.get("outcome") != "Failed":
            continue
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
        stack = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}StackTrace")
        lines = []
        for element in (message, stack):
            if element is not None and element.text:
                lines.extend(element.text.strip().splitlines())
        for line in lines[:MAX_LINES]:
            print(f"    {line}")
        if len(lines) > MAX_LINES:
            print(f"    ... {len(lines) - MAX_LINES} more lines in {path}")
