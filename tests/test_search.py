"""``contains`` answers exactly as ``in`` does."""

from hypothesis import given
from hypothesis import strategies as st

from vaultkit.parse.search import contains


@given(
    st.text(alphabet="%<!-{}()[]:x", max_size=40),
    st.sampled_from(["%%", "<!--", "{{", "((", "::", "]]("]),
)
def test_contains_is_in(text, needle):
    assert contains(text, needle) is (needle in text)


def test_overlapping_starts():
    assert contains("]](", "](")
    assert contains("%%%", "%%")
    assert not contains("%x%", "%%")
    assert not contains("", "((")
