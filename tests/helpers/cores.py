"""How `make test` shares the suite between the two cores (pytest-xdist), so that neither waits while the other works.

Two halves, one on each side of pytest-xdist:
- each worker collects the tests and puts its files in an order (`in_order`, from tests/conftest.py): the queue;
- the controller hands the queue out in that order, one file at a time to the core that is nearly out of work
  (`Shares`: pytest-xdist's scope scheduling, without its reordering by number of tests), the browser tests in two
  groups of equal measured length, one per core.

The order: one file that reaches the database first (its first test migrates the template the others copy:
tests/helpers/template_db.py, several seconds on one core), then the files that never reach it (the other core runs
them meanwhile), then the browser tests (the longest: two groups started early end together), then the other files,
the largest first, so that the last ones are short and both cores end together.
"""

from xdist.scheduler import LoadScopeScheduling

BROWSER_FOLDER = "tests/browser/"
# The browser tests that take long, in seconds of one core while the other is busy too (measured on these 2-core
# machines); the others take a few.
SECONDS = {
    "test_public_pages_on_a_computer_then_on_paper": 49,
    "test_public_pages_on_a_phone_then_at_320_px_at_200_percent_and_with_text_spacing": 41,
    "test_the_back_office_pages_on_a_laptop_then_at_200_percent_at_320_px_and_with_text_spacing": 37,
    "test_the_questionnaire_with_the_keyboard_only_on_a_phone": 13,
    "test_the_admin_widgets_work_with_the_keyboard_and_say_what_they_are": 8,
    "test_a_correction_stays_offline_until_the_coordinator_publishes_it": 8,
    "test_an_operator_updates_her_hours_and_confirms_in_plain_french": 6,
    "test_the_tab_key_stops_only_where_the_walk_by_script_goes": 4,
    "test_a_visitor_reaches_every_section_with_the_keyboard_only": 4,
    "test_editorial_lists_fit_1280_px_without_scrolling_sideways": 4,
    "test_confirm_cancel_and_stand_pages_pass_axe": 4,
}
USUAL_SECONDS = 2


def xdist_workers(config) -> int:
    """0 without pytest-xdist. In a worker, xdist resets `numprocesses` and `dist`; the count is in `workerinput`."""
    return int(getattr(config, "workerinput", {}).get("workercount", 0))


def _file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def seconds(nodeid: str) -> float:
    return SECONDS.get(nodeid.split("::")[-1].split("[")[0], USUAL_SECONDS)


def in_order(items, uses_the_database) -> None:
    """The collected tests, file by file, in the order the cores should take them (see the module)."""
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(_file(item.nodeid), []).append(item)
    browser = [tests for name, tests in files.items() if name.startswith(BROWSER_FOLDER)]
    others = [tests for name, tests in files.items() if not name.startswith(BROWSER_FOLDER)]
    with_database = sorted(
        (tests for tests in others if any(uses_the_database(item) for item in tests)), key=len, reverse=True
    )
    without = [tests for tests in others if not any(uses_the_database(item) for item in tests)]
    first = [with_database.pop()] if with_database and (without or browser) else []  # the smallest
    items[:] = [item for tests in [*first, *without, *browser, *with_database] for item in tests]


class Shares(LoadScopeScheduling):
    """pytest-xdist's scheduling by scopes (`--dist loadfile`: a file's tests on one core, sharing what a module
    loads once), taken in the workers' order (`in_order`; `--no-loadscope-reorder` keeps it), the browser tests in
    one group per core made by length: the longest test first, each to the group with the least so far. Handed out
    one by one, the long browser walks queued behind one another on one core while the other ran out of work
    (129 s against 104 s, measured)."""

    def _split_scope(self, nodeid: str) -> str:
        if not nodeid.startswith(BROWSER_FOLDER):
            return _file(nodeid)
        if not hasattr(self, "_groups"):
            load = [0.0] * self.numnodes
            self._groups = {}
            browser = [test for test in self.collection if test.startswith(BROWSER_FOLDER)]
            for test in sorted(browser, key=seconds, reverse=True):
                core = load.index(min(load))
                load[core] += seconds(test)
                self._groups[test] = f"navigateur-{core}"
        return self._groups[nodeid]
