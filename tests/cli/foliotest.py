"""What the Python scripts of tests/cli/ share; not a test itself.

ctest runs each script as `python3 tests/cli/NAME.py` (tests/CMakeLists.txt,
which leaves this file out of the cli.* tests).  Python puts the script's
folder first on sys.path, so `import foliotest` works from any working
directory.

    SRC       the source tree: $FOLIO_SRC, else the checkout holding this file
    BIN       the built tools: $FOLIO_BIN, else SRC/build/bin
    Checks    counts the checks, prints "ok   WHAT" or "FAIL WHAT" for each,
              then "N passed, M failed" and gives the exit status
    run()     runs a tool, its output captured, with NO_COLOR=1
"""
import os
import subprocess
from collections.abc import Mapping, Sequence

SRC = os.environ.get("FOLIO_SRC") or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("FOLIO_BIN") or os.path.join(SRC, "build", "bin")


class Checks:
    """The tally of one script's checks.

    A failed check's detail goes on an indented line of its own, or with
    inline=True after ": " on the FAIL line; limit, when given, keeps only
    its first characters.
    """

    def __init__(self, *, inline: bool = False, limit: int | None = None) -> None:
        self.passed = self.failed = self.skipped = 0
        self._sep = ": " if inline else "\n     "
        self._limit = limit

    def check(self, ok, what: str, detail: object = ""):
        """Counts one check and prints its line; returns ok."""
        if ok:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failed += 1
            print(f"FAIL {what}" + (self._sep + str(detail)[:self._limit] if detail else ""))
        return ok

    def skip(self, why: str) -> None:
        """Counts a part that could not run (a missing optional program)."""
        self.skipped += 1
        print(f"skipped: {why}")

    def summary(self) -> int:
        """Prints "N passed, M failed" (and ", K skipped" when some were);
        returns the exit status: 1 when a check failed, else 0."""
        line = f"{self.passed} passed, {self.failed} failed"
        if self.skipped:
            line += f", {self.skipped} skipped"
        print(line)
        return 1 if self.failed else 0


def run(tool: str, args: Sequence[str] = (), *, cwd: str | None = None,
        env: Mapping[str, str] | None = None, timeout: float | None = None,
        text: bool = True) -> subprocess.CompletedProcess:
    """Runs tool with args and waits for it: stdout and stderr captured
    (decoded when text), NO_COLOR=1 and the entries of env added to this
    process's environment."""
    return subprocess.run([tool, *args], cwd=cwd, capture_output=True, text=text,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})}, timeout=timeout)
