import pytest

from tests.volunteers.test_selection import make_project
from volunteers.models import VolunteerCategory


@pytest.fixture
def projects(library_a, library_b):
    """Two libraries' volunteer projects for the selection's tests."""
    return {
        "a": make_project(library_a, "阳光助残读书会"),
        "b": make_project(library_b, "盲人有声书录制"),
        "b2": make_project(library_b, "网络文明宣传", VolunteerCategory.CULTURE),
    }
