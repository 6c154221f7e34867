"""How many processes pytest-xdist runs the suite in, seen from one of them (`make test` spreads it on both cores)."""


def xdist_workers(config) -> int:
    """0 without pytest-xdist. In a worker, xdist resets `numprocesses` and `dist`; the count is in `workerinput`."""
    return int(getattr(config, "workerinput", {}).get("workercount", 0))
