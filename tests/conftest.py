"""Shared test settings. Keep minimal: hypothesis profiles (``HYPOTHESIS_PROFILE=ci|dev|lama``).

``ci`` (default) keeps hypothesis' usual 100 examples without deadlines (CI machines are
slow and shared); slow property tests such as tests/test_fuzz.py cap themselves lower
relative to the profile. ``dev`` is quicker, ``lama`` is for a long local fuzzing run.
"""

import os

from hypothesis import HealthCheck, settings

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("dev", max_examples=20, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("lama", max_examples=2000, deadline=None,
                          suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def habits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The corpus of real habits (``tests/kit/habits.py``), built once per test session:
    ``{"buku": {name: workbook}, "putaran": {name: folder}}``."""
    from tests.kit.habits import build_rounds, build_single

    root = tmp_path_factory.mktemp("kebiasaan")
    return {"buku": build_single(root / "buku"), "putaran": build_rounds(root / "putaran")}
