#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the window's text stays translatable (ctest -R translations).

1. lupdate extracts the window's messages (the sources of the update_translations target) into
   a scratch .ts; there must be at least --floor of them, so that a change that drops tr() from
   many strings is seen. Messages missing from the committed template are listed (a reminder to
   run the update_translations target), without failing.
2. No .ui file marks a string notr="true".
3. A heuristic scan of the window's C++ for user-visible setters (setText, setToolTip,
   QMessageBox::..., showMessage, ...) given a bare literal instead of tr(...). A call that is
   really not user-visible can say so with a `// notr: why` comment on its first line.

Usage: check_translations.py --lupdate LUPDATE --source-dir ROOT --scratch DIR --floor N
                             --template TS [--scan FILE...] -- SOURCES...
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# Calls whose arguments end up on screen. Member calls match on the name alone.
USER_VISIBLE_CALL = re.compile(
    r"(?:\b(?:setText|setToolTip|setWindowTitle|setPlaceholderText|setStatusTip|setWhatsThis"
    r"|addAction|showMessage|setTabText|addTab|insertTab|setTitle|setTitleText|setName"
    r"|setHorizontalHeaderLabels|setVerticalHeaderLabels|setPlainText|setWarnings|addItem"
    r"|setLabelText|setApplicationDescription)"
    r"|\bQMessageBox::\w+|\bQFileDialog::\w+|\bQInputDialog::\w+"
    r"|\b(?:new\s+)?Q(?:Label|PushButton|ToolButton|CheckBox|RadioButton|GroupBox|Action)"
    r"|\bemit\s+message)\s*\("
)
# Spans whose literals are translated (or deliberately marked for translation).
TRANSLATED_CALL = re.compile(
    r"\b(?:tr|translate|QT_TR_NOOP|QT_TRANSLATE_NOOP|QT_TR_N_NOOP|QT_TRANSLATE_N_NOOP|qtTrId)"
    r"\s*\("
)
STRING_LITERAL = re.compile(r'(?:QStringLiteral\(\s*|QLatin1String\(\s*|QString\(\s*)?'
                            r'(?:u8|u|U|L)?"((?:[^"\\\n]|\\.)*)"')
PLACEHOLDER = re.compile(r"%L?\d+|%n|<[^>]*>|\\.|&\w+;")
WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)
# QDateTime::toString formats ("yyyy-MM-dd HH:mm") are no text.
DATE_FORMAT = re.compile(r"^[yMdHhmsz :.\-/T]+$")


def strip_comments(code):
    """Comments become spaces (line breaks kept); string and char literals stay."""
    out = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            j = code.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif code.startswith("/*", i):
            j = code.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", code[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and code[j] != c and code[j] != "\n":
                j += 2 if code[j] == "\\" else 1
            out.append(code[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def balanced_end(code, open_paren):
    """Index just past the parenthesis that closes the one at open_paren."""
    depth = 0
    i, n = open_paren, len(code)
    while i < n:
        c = code[i]
        if c in "\"'":
            j = i + 1
            while j < n and code[j] != c:
                j += 2 if code[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def remove_translated(args):
    while True:
        m = TRANSLATED_CALL.search(args)
        if not m:
            return args
        end = balanced_end(args, m.end() - 1)
        args = args[:m.start()] + " " + args[end:]


def bare_literals(code, original_lines):
    """(line, call, literal) for each user-visible call given an untranslated literal."""
    found = []
    for m in USER_VISIBLE_CALL.finditer(code):
        line = code.count("\n", 0, m.start()) + 1
        if "notr:" in original_lines[line - 1]:
            continue
        end = balanced_end(code, m.end() - 1)
        args = remove_translated(code[m.end():end - 1])
        for lit in STRING_LITERAL.finditer(args):
            text = lit.group(1)
            if WORDLIKE.search(PLACEHOLDER.sub("", text)) and not DATE_FORMAT.match(text):
                call = re.sub(r"\s+", " ", m.group(0)).rstrip("( ")
                shown = lit.group(0) + (")" if lit.group(0).startswith("Q") else "")
                if (line, call, shown) not in found:
                    found.append((line, call, shown))
    return found


def scan_file(path):
    with open(path, encoding="utf-8") as f:
        original = f.read()
    return bare_literals(strip_comments(original), original.split("\n"))


def self_test():
    """The scan must catch what it is for, and let through what is translated or machine text."""
    bad = '''
        label->setText(QStringLiteral("Hello"));
        b->setToolTip(on ? tr("Yes") : QStringLiteral("No"));
        QMessageBox::question(this, "Delete run", question);
        statusBar()->showMessage(
            QStringLiteral("Cannot start: %1").arg(error));
        auto *l = new QLabel(QStringLiteral("Name"), this);
        emit message(tr("Copied: %1").arg(QStringLiteral("word")));
    '''
    good = '''
        label->setText(tr("Hello"));
        label->setText(QString());
        label->setText(QStringLiteral("%1:%2").arg(a).arg(b));
        b->setToolTip(on ? tr("Yes %1").arg(x) : tr("No"));
        QMessageBox::question(this, tr("Delete run"), question);
        list.join(QStringLiteral(", "));
        s.setValue(QStringLiteral("geometry"), saveGeometry());
        // label->setText(QStringLiteral("commented out"));
        combo->addItem(name, QStringLiteral("key")); // notr: a data key
        x->setText(QCoreApplication::translate("Ctx", "Text %1").arg(QStringLiteral("<b>")));
    '''
    lines_bad = bad.split("\n")
    caught = bare_literals(strip_comments(bad), lines_bad)
    lines_good = good.split("\n")
    wrong = bare_literals(strip_comments(good), lines_good)
    ok = len(caught) == 6 and not wrong
    if not ok:
        print("scan self-test failed: caught", caught, "in the bad sample (want 6) and", wrong,
              "in the good one (want none)")
    return ok


def messages(ts_path):
    root = ET.parse(ts_path).getroot()
    result = set()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            result.add((name, message.findtext("source")))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--scratch", required=True)
    parser.add_argument("--floor", type=int, required=True)
    parser.add_argument("--template", required=True)
    parser.add_argument("--scan", nargs="*", default=[])
    parser.add_argument("sources", nargs="+")
    args = parser.parse_args()
    failures = []

    # 1. What lupdate finds, as the update_translations target runs it.
    os.makedirs(args.scratch, exist_ok=True)
    fresh = os.path.join(args.scratch, "filare-perf_en.ts")
    if os.path.exists(fresh):
        os.remove(fresh)
    cmd = [args.lupdate, "-silent", "-source-language", "en", "-locations", "none",
           "-no-obsolete", "-I", os.path.join(args.source_dir, "app")] + args.sources + [
               "-ts", fresh]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0 or not os.path.exists(fresh):
        print(run.stdout + run.stderr)
        print("lupdate failed:", " ".join(cmd))
        return 1
    if run.stderr.strip():
        print("lupdate said:\n" + run.stderr.strip())
    found = messages(fresh)
    print(f"lupdate found {len(found)} messages in {len(args.sources)} files (floor {args.floor})")
    if len(found) < args.floor:
        failures.append(f"only {len(found)} translatable messages, fewer than the floor "
                        f"{args.floor}: did strings lose their tr()?")
    if os.path.exists(args.template):
        missing = sorted(found - messages(args.template))
        if missing:
            print(f"note: {len(missing)} message(s) are not in the committed template "
                  f"{os.path.relpath(args.template, args.source_dir)}; run "
                  "`cmake --build build --target update_translations` and commit it:")
            for context, source in missing[:20]:
                print(f"  {context}: {source!r}")
    else:
        failures.append(f"no template at {args.template}")

    # 2. Designer strings: uic translates them unless they opt out.
    for ui in sorted(glob.glob(os.path.join(args.source_dir, "ui", "*.ui"))):
        with open(ui, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if re.search(r'notr\s*=\s*"true"', line):
                    failures.append(f"{os.path.relpath(ui, args.source_dir)}:{number}: "
                                    f"string marked notr: {line.strip()}")

    # 3. User-visible setters given a bare literal.
    if not self_test():
        failures.append("the literal scan does not work as it should")
    for path in args.scan:
        for line, call, literal in scan_file(path):
            failures.append(f"{os.path.relpath(path, args.source_dir)}:{line}: {call}(...) "
                            f"is given {literal} without tr()")

    if failures:
        print("\n".join(["FAIL:"] + ["  " + f for f in failures]))
        return 1
    print("translations: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
