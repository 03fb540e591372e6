"""TAP for the data tests: ok() and skip() number the checks, plan()
prints the plan line and gives the exit status."""

_count = 0
_failed = False


def ok(condition, description, diagnostics=()):
    global _count, _failed
    _count += 1
    print(("ok" if condition else "not ok") + f" {_count} {description}")
    if not condition:
        _failed = True
        for line in diagnostics:
            print(f"# {line}")


def skip(description):
    global _count
    _count += 1
    print(f"ok {_count} # SKIP {description}")


def plan():
    """Prints "1..N" and returns the status: 1 when a check failed."""
    print(f"1..{_count}")
    return 1 if _failed else 0
