#!/usr/bin/env python3
"""run-spec.py — run the examples of a Folio spec file through the real tools.

A spec file is Markdown prose with examples, in the manner of CommonMark's
spec.txt.  An example is a fenced block whose opening fence is a line of
three or more backticks followed by " example"; a line of the same backticks
closes it:

    ```````````````````````````````` example
    $ folio-isbn 9789290687741
    .
    exit 1
    stderr: wrong check digit: expected 0, found 1 [isbn]
    ````````````````````````````````

- The first line is the command, after "$ ".  It is split like a shell
  command line (quotes, backslashes; no pipes, redirections or globs);
  $VAR and ${VAR} are replaced from the environment, where SPEC_DIR is the
  spec file's directory, FOLIO_SRC the source tree and FOLIO_BIN the tools.
  Leading NAME=VALUE words set the command's environment.  The tool named
  first is looked up in $FOLIO_BIN, then on PATH.
- The lines up to a line holding only "." (or up to the fence) are the
  expected standard output, exactly.  No lines: no output.
- After the ".", one directive a line:
    exit N            the expected exit status (default 0)
    stdout: TEXT      standard output contains TEXT (may repeat); an example
                      with these checks its output with them only
    stderr: TEXT      standard error contains TEXT (may repeat)
    stderr-empty      standard error is empty
    stdin: TEXT       a line of standard input (may repeat)
    unset: NAME       remove NAME from the command's environment
    requires: PATH    skip the example when PATH does not exist

Each example runs in a fresh temporary directory.  Every failing example is
reported with its line number; the last line counts passes and failures.
Exit status: 0 all passed, 1 an example failed, 2 a malformed spec file or
a missing tool.  With --update (or FOLIO_UPDATE=1) the expected output and
exit status of failing examples are rewritten from what the tools did.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(`{3,}) example\s*$")
VAR = re.compile(r"\$(?:\{(\w+)\}|(\w+))")
ASSIGN = re.compile(r"^([A-Za-z_]\w*)=(.*)$", re.S)
TIMEOUT = 120


class SpecError(Exception):
    pass


class Example:
    def __init__(self, path, line):
        self.path = path
        self.line = line            # of the command, 1-based
        self.command = ""
        self.stdout = []            # expected lines
        self.exit = 0
        self.stdout_has = []        # substrings, instead of the exact stdout
        self.stderr = []            # substrings
        self.stderr_empty = False
        self.stdin = []
        self.unset = []
        self.requires = []
        self.out_span = None        # (first, end) line indexes of the stdout part
        self.exit_line = None       # index of the "exit N" line, if any
        self.dot_line = None        # index of the "." line, if any


def parse(path):
    """Returns the file's lines and its examples."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, start = m.group(1), i
        i += 1
        body = []
        while i < len(lines) and lines[i] != fence:
            body.append(i)
            i += 1
        if i == len(lines):
            raise SpecError(f"{path}:{start + 1}: example not closed with {fence}")
        i += 1
        if not body or not lines[body[0]].startswith("$ "):
            raise SpecError(f"{path}:{start + 2}: an example starts with '$ COMMAND'")
        ex = Example(path, body[0] + 1)
        ex.command = lines[body[0]][2:]
        rest = body[1:]
        dot = next((k for k, n in enumerate(rest) if lines[n] == "."), None)
        out = rest if dot is None else rest[:dot]
        ex.stdout = [lines[n] for n in out]
        ex.out_span = (body[0] + 1, (out[-1] + 1) if out else body[0] + 1)
        if dot is not None:
            ex.dot_line = rest[dot]
            for n in rest[dot + 1:]:
                directive(ex, lines[n], n)
        if ex.stdout_has and ex.stdout:
            raise SpecError(f"{path}:{ex.line}: 'stdout:' checks replace the expected output; give one or the other")
        examples.append(ex)
    return lines, examples


def directive(ex, text, n):
    where = f"{ex.path}:{n + 1}"
    if not text.strip():
        return
    if text.startswith("exit "):
        try:
            ex.exit = int(text[5:])
        except ValueError:
            raise SpecError(f"{where}: 'exit' takes a number")
        ex.exit_line = n
    elif text.startswith("stdout: "):
        ex.stdout_has.append(text[8:])
    elif text.startswith("stderr: "):
        ex.stderr.append(text[8:])
    elif text == "stderr-empty":
        ex.stderr_empty = True
    elif text.startswith("stdin: "):
        ex.stdin.append(text[7:])
    elif text.startswith("unset: "):
        ex.unset.append(text[7:].strip())
    elif text.startswith("requires: "):
        ex.requires.append(text[10:].strip())
    else:
        raise SpecError(f"{where}: unknown directive '{text}' "
                        "(exit, stdout:, stderr:, stderr-empty, stdin:, unset:, requires:)")


def expand(text, env, where):
    def sub(m):
        name = m.group(1) or m.group(2)
        if name not in env:
            raise SpecError(f"{where}: ${name} is not set")
        return env[name]
    return VAR.sub(sub, text)


def run(ex, base_env, bindir):
    """Runs one example; returns None (passed), 'skip', or a list of
    complaints, and what the tool did."""
    where = f"{ex.path}:{ex.line}"
    for req in ex.requires:
        if not os.path.exists(expand(req, base_env, where)):
            return "skip", None
    try:
        words = shlex.split(ex.command)
    except ValueError as e:
        raise SpecError(f"{where}: {e}")
    env = dict(base_env)
    for name in ex.unset:
        env.pop(name, None)
    while words and ASSIGN.match(words[0]):
        name, value = ASSIGN.match(words[0]).groups()
        env[name] = expand(value, base_env, where)
        words.pop(0)
    if not words:
        raise SpecError(f"{where}: no command")
    words = [expand(w, base_env, where) for w in words]
    tool = os.path.join(bindir, words[0]) if bindir else None
    if tool and os.access(tool, os.X_OK):
        words[0] = tool
    elif not os.path.isabs(words[0]) and not shutil.which(words[0], path=env.get("PATH")):
        raise SpecError(f"{where}: no tool '{words[0]}' in $FOLIO_BIN ({bindir}) or on PATH")
    stdin = "".join(s + "\n" for s in ex.stdin)
    with tempfile.TemporaryDirectory(prefix="folio-spec-") as tmp:
        try:
            p = subprocess.run(words, input=stdin, capture_output=True, env=env, cwd=tmp,
                               timeout=TIMEOUT, encoding="utf-8", errors="replace")
        except subprocess.TimeoutExpired:
            return [f"timed out after {TIMEOUT} s"], None
    got = p.stdout
    want = "".join(s + "\n" for s in ex.stdout)
    problems = []
    if p.returncode != ex.exit:
        problems.append(f"exit status: expected {ex.exit}, got {p.returncode}")
    for s in ex.stdout_has:
        if s not in got:
            problems.append(f"stdout does not contain: {s}\n" + block(got))
    if not ex.stdout_has and got != want:
        problems.append("stdout: expected\n" + block(want) + "\n  got\n" + block(got))
    for s in ex.stderr:
        if s not in p.stderr:
            problems.append(f"stderr does not contain: {s}")
    if ex.stderr_empty and p.stderr:
        problems.append("stderr is not empty")
    if problems:
        problems.append("stderr was\n" + block(p.stderr))
    return (problems or None), p


def split_lines(text):
    if not text:
        return []
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def block(text):
    if not text:
        return "    (nothing)"
    lines = split_lines(text)
    if not text.endswith("\n"):
        lines.append("(no final newline)")
    return "\n".join("    | " + s for s in lines)


def update(path, lines, fixes):
    """Rewrites the stdout part and the exit line of failing examples."""
    edits = []
    for ex, p in fixes:
        new = ex.stdout if ex.stdout_has else split_lines(p.stdout)
        if ex.exit_line is not None:
            edits.append((ex.exit_line, ex.exit_line + 1, [f"exit {p.returncode}"]))
        elif p.returncode != 0 and ex.dot_line is not None:
            edits.append((ex.dot_line + 1, ex.dot_line + 1, [f"exit {p.returncode}"]))
        elif p.returncode != 0:
            new += [".", f"exit {p.returncode}"]
        edits.append((ex.out_span[0], ex.out_span[1], new))
    for first, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[first:end] = new
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description="Run the examples of Folio spec files.")
    ap.add_argument("spec", nargs="+", help="spec file(s)")
    ap.add_argument("-k", metavar="TEXT", help="only examples whose command contains TEXT")
    ap.add_argument("-v", "--verbose", action="store_true", help="name every example run")
    ap.add_argument("--update", action="store_true",
                    help="rewrite the expected output of failing examples")
    args = ap.parse_args()
    do_update = args.update or os.environ.get("FOLIO_UPDATE") == "1"

    env = dict(os.environ)
    env.setdefault("FOLIO_SRC", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    bindir = env.get("FOLIO_BIN", "")
    if not bindir or not os.path.isdir(bindir):
        print(f"run-spec.py: FOLIO_BIN ('{bindir}') is not a directory of built tools", file=sys.stderr)
        return 2
    passed = failed = skipped = 0
    try:
        for path in args.spec:
            lines, examples = parse(path)
            env["SPEC_DIR"] = os.path.dirname(os.path.abspath(path))
            fixes = []
            for ex in examples:
                if args.k and args.k not in ex.command:
                    continue
                result, p = run(ex, env, bindir)
                name = f"{os.path.basename(path)}:{ex.line}"
                if result == "skip":
                    skipped += 1
                    if args.verbose:
                        print(f"{name}: skipped: $ {ex.command}")
                elif result:
                    failed += 1
                    print(f"{name}: FAIL: $ {ex.command}")
                    for r in result:
                        print("  " + r)
                    if p is not None:
                        fixes.append((ex, p))
                else:
                    passed += 1
                    if args.verbose:
                        print(f"{name}: ok: $ {ex.command}")
            if do_update and fixes:
                update(path, lines, fixes)
                print(f"{path}: updated {len(fixes)} example(s); check the stderr: lines by hand")
    except (SpecError, OSError) as e:
        print(f"run-spec.py: {e}", file=sys.stderr)
        return 2
    summary = f"{passed} passed, {failed} failed"
    if skipped:
        summary += f", {skipped} skipped"
    print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
