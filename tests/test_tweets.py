import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vaultkit.model import Tweet, TweetKind
from vaultkit.parse.positions import LineIndex
from vaultkit.parse.tweets import ParsedTweetUrl, find_tweets, parse_tweet_url

STATUS = TweetKind.STATUS
SEARCH = TweetKind.SEARCH
PROFILE = TweetKind.PROFILE


def tweets(text: str, *, in_comment: bool = False) -> list[Tweet]:
    return find_tweets(text, LineIndex(text), in_comment=in_comment)


def summary(text: str) -> list[tuple[TweetKind, str | None, str | None]]:
    return [(tweet.kind, tweet.handle, tweet.status_id) for tweet in tweets(text)]


# --- parse_tweet_url -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://twitter.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("http://twitter.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://www.twitter.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://mobile.twitter.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://x.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://www.x.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://mobile.x.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://fxtwitter.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://vxtwitter.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://fixupx.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://fixvx.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twittpr.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://xcancel.com/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://nitter.net/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://nitter.poast.org/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://Mobile.Twitter.COM/Jack/status/20", ParsedTweetUrl(STATUS, "Jack", "20")),
        ("https://NITTER.Example.ORG/jack/status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/statuses/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/Status/20", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/status/20/", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/status/20/photo/1", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/status/20/video/1", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/status/20/analytics", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/status/20/en", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://twitter.com/jack/status/20?s=09", ParsedTweetUrl(STATUS, "jack", "20")),
        (
            "https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw#frag",
            ParsedTweetUrl(STATUS, "jack", "20"),
        ),
        ("https://twitter.com/jack/status/20#m", ParsedTweetUrl(STATUS, "jack", "20")),
        ("https://x.com/i/web/status/123", ParsedTweetUrl(STATUS, None, "123")),
        ("https://twitter.com/i/status/123", ParsedTweetUrl(STATUS, None, "123")),
        ("https://twitter.com/I/Web/Status/123?s=20", ParsedTweetUrl(STATUS, None, "123")),
        ("https://twitter.com/a_b/status/1", ParsedTweetUrl(STATUS, "a_b", "1")),
        ("https://twitter.com/" + "a" * 20 + "/status/1", ParsedTweetUrl(STATUS, "a" * 20, "1")),
    ],
)
def test_status_urls(url: str, expected: ParsedTweetUrl) -> None:
    assert parse_tweet_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://twitter.com/ylecun", ParsedTweetUrl(PROFILE, "ylecun")),
        ("https://twitter.com/ylecun/", ParsedTweetUrl(PROFILE, "ylecun")),
        ("https://twitter.com/YLeCun?ref_src=twsrc%5Etfw", ParsedTweetUrl(PROFILE, "YLeCun")),
        ("https://twitter.com/ylecun#top", ParsedTweetUrl(PROFILE, "ylecun")),
        ("https://twitter.com/ylecun/with_replies", ParsedTweetUrl(PROFILE, "ylecun")),
        ("https://twitter.com/ylecun/media", ParsedTweetUrl(PROFILE, "ylecun")),
        ("https://twitter.com/ylecun/likes/", ParsedTweetUrl(PROFILE, "ylecun")),
        ("https://x.com/ylecun", ParsedTweetUrl(PROFILE, "ylecun")),
        ("https://nitter.net/ylecun", ParsedTweetUrl(PROFILE, "ylecun")),
    ],
)
def test_profile_urls(url: str, expected: ParsedTweetUrl) -> None:
    assert parse_tweet_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://twitter.com/search?q=from%3Ajack", ParsedTweetUrl(SEARCH, "jack")),
        ("https://twitter.com/search?q=from:@Jack", ParsedTweetUrl(SEARCH, "Jack")),
        ("https://twitter.com/search/?q=cats+from%3Ajack", ParsedTweetUrl(SEARCH, "jack")),
        (
            "https://twitter.com/search?q=%28from%3A%40karpathy%29",
            ParsedTweetUrl(SEARCH, "karpathy"),
        ),
        ("https://twitter.com/search?src=typed&q=FROM%3Ajack", ParsedTweetUrl(SEARCH, "jack")),
        ("https://twitter.com/search?src=typed&amp;q=from%3Ajack", ParsedTweetUrl(SEARCH, "jack")),
        ("https://twitter.com/search?q=from%3Ajack+OR+from%3Abob", ParsedTweetUrl(SEARCH, "jack")),
        ("https://x.com/search?q=from:jack#x", ParsedTweetUrl(SEARCH, "jack")),
        ("https://twitter.com/search?q=cats", None),
        ("https://twitter.com/search?q=cats+-from%3Ajack", None),
        ("https://twitter.com/search?q=datafrom%3Ajack", None),
        ("https://twitter.com/search?q=from%3A" + "a" * 21, None),
        ("https://twitter.com/search?src=from%3Ajack", None),
        ("https://twitter.com/search", None),
        ("https://twitter.com/search/users?q=from%3Ajack", None),
    ],
)
def test_search_urls(url: str, expected: ParsedTweetUrl | None) -> None:
    assert parse_tweet_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://twitter.com",
        "https://twitter.com/",
        "https://twitter.com/?lang=en",
        "https://twitter.com/following",
        "https://twitter.com/hashtag/ICCV19?src=hash",
        "https://twitter.com/jack/status/",
        "https://twitter.com/jack/status/12a",
        "https://twitter.com/jack/status/١٢",
        "https://twitter.com/jack/followers",
        "https://twitter.com/jack/lists/1",
        "https://twitter.com/jack/with_replies/extra",
        "https://twitter.com/jack.doe",
        "https://twitter.com/jack-doe/status/1",
        "https://twitter.com/averyveryverylonghandle12/status/1",
        "https://twitter.com/i/status",
        "https://twitter.com/home/status/1",
        "https://twitter.com/Explore/status/1",
        "https://twitter.com/status/status/1",
        "https://twitter.com/i/web/status/x1",
        "https://twitter.com/i/user/12",
        "https://twitter.com/intent/tweet?text=hi",
        "https://t.co/GUTQJ4zvkf",
        "https://pic.twitter.com/NBr4vgRJ6d",
        "https://platform.twitter.com/widgets.js",
        "https://pbs.twimg.com/media/abc.jpg",
        "https://twitter.com.evil.example/jack/status/1",
        "https://twitter.com@evil.example/jack/status/1",
        "https://twitter.com:443/jack/status/1",
        "https://notx.com/jack/status/1",
        "https://www.fxtwitter.com/jack/status/1",
        "ftp://twitter.com/jack/status/1",
        "HTTPS://twitter.com/jack/status/1",
        "twitter.com/jack/status/1",
        " https://twitter.com/jack/status/1",
    ],
)
def test_not_tweet_urls(url: str) -> None:
    assert parse_tweet_url(url) is None


@pytest.mark.parametrize(
    "word",
    [
        "i", "home", "explore", "notifications", "messages", "search", "settings", "compose",
        "intent", "login", "signup", "share", "hashtag", "lists", "following", "followers",
        "status", "statuses", "tos", "privacy",
    ],
)  # fmt: skip
def test_reserved_words_are_not_handles(word: str) -> None:
    assert parse_tweet_url(f"https://twitter.com/{word}") is None
    assert parse_tweet_url(f"https://twitter.com/{word.upper()}/likes") is None


# --- find_tweets: real-world lines -----------------------------------------------------------


def test_markdown_link_to_status() -> None:
    line = "[CNN Strikes Back](https://twitter.com/rasbt/status/1612113816363610112)"
    assert tweets(line) == [
        Tweet(
            url="https://twitter.com/rasbt/status/1612113816363610112",
            kind=STATUS,
            line=1,
            column=20,
            handle="rasbt",
            status_id="1612113816363610112",
        )
    ]


def test_readwise_view_tweet_search_link() -> None:
    url = (
        "https://twitter.com/search?q=How%20to%20become%20expert%20at%20thing%3A%201%20"
        "iteratively%20...%20%28from%3A%40karpathy%29"
    )
    assert tweets(f"([View Tweet]({url}))") == [
        Tweet(url=url, kind=SEARCH, line=1, column=15, handle="karpathy")
    ]


LIPTON = (
    '<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Paging all current'
    ' PhD students ... H/T <a href="https://twitter.com/AlisonBLowndes?ref_src=twsrc%5Etfw">'
    '@AlisonBLowndes</a>, [ping <a href="https://twitter.com/mldcmu?ref_src=twsrc%5Etfw">@mldcmu'
    '</a>] <a href="https://t.co/GUTQJ4zvkf">https://t.co/GUTQJ4zvkf</a></p>&mdash; Zachary Lipton'
    ' (@zacharylipton) <a href="https://twitter.com/zacharylipton/status/1161764388556029952?ref_s'
    'rc=twsrc%5Etfw">August 14, 2019</a></blockquote>'
)


def test_embedded_tweet_blockquote() -> None:
    assert tweets(LIPTON) == [
        Tweet(
            url="https://twitter.com/AlisonBLowndes?ref_src=twsrc%5Etfw",
            kind=PROFILE,
            line=1,
            column=LIPTON.index("https://twitter.com/Alison") + 1,
            handle="AlisonBLowndes",
        ),
        Tweet(
            url="https://twitter.com/mldcmu?ref_src=twsrc%5Etfw",
            kind=PROFILE,
            line=1,
            column=LIPTON.index("https://twitter.com/mldcmu") + 1,
            handle="mldcmu",
        ),
        Tweet(
            url="https://twitter.com/zacharylipton/status/1161764388556029952?ref_src=twsrc%5Etfw",
            kind=STATUS,
            line=1,
            column=LIPTON.index("https://twitter.com/zacharylipton") + 1,
            handle="zacharylipton",
            status_id="1161764388556029952",
            display_name="Zachary Lipton",
        ),
    ]
    assert tweets(LIPTON)[2].author == "zacharylipton"


def test_hashtag_and_pic_links_are_nothing() -> None:
    text = (
        '<a href="https://twitter.com/hashtag/ICCV19?src=hash&amp;ref_src=twsrc%5Etfw">#ICCV19</a>'
        ' <a href="https://t.co/NBr4vgRJ6d">pic.twitter.com/NBr4vgRJ6d</a>'
    )
    assert tweets(text) == []


def test_bare_status_url_with_share_query() -> None:
    assert tweets("https://twitter.com/ArashVahdat/status/1183589998282465280?s=09") == [
        Tweet(
            url="https://twitter.com/ArashVahdat/status/1183589998282465280?s=09",
            kind=STATUS,
            line=1,
            column=1,
            handle="ArashVahdat",
            status_id="1183589998282465280",
        )
    ]


def test_profile_link_and_following_link() -> None:
    text = "[Yann LeCun](https://twitter.com/ylecun) [`Following`](https://twitter.com/following)"
    assert tweets(text) == [
        Tweet(url="https://twitter.com/ylecun", kind=PROFILE, line=1, column=14, handle="ylecun")
    ]


def test_logseq_property_profile() -> None:
    assert tweets("url:: https://twitter.com/karpathy") == [
        Tweet(url="https://twitter.com/karpathy", kind=PROFILE, line=1, column=7, handle="karpathy")
    ]


def test_other_hosts_and_overlong_handle() -> None:
    text = (
        "https://x.com/i/web/status/123\n"
        "https://nitter.net/jack/status/20\n"
        "https://vxtwitter.com/a_b/status/1/photo/1\n"
        "https://twitter.com/averyveryverylonghandle12/status/1\n"
    )
    assert tweets(text) == [
        Tweet(url="https://x.com/i/web/status/123", kind=STATUS, line=1, column=1, status_id="123"),
        Tweet(
            url="https://nitter.net/jack/status/20",
            kind=STATUS,
            line=2,
            column=1,
            handle="jack",
            status_id="20",
        ),
        Tweet(
            url="https://vxtwitter.com/a_b/status/1/photo/1",
            kind=STATUS,
            line=3,
            column=1,
            handle="a_b",
            status_id="1",
        ),
    ]
    assert tweets(text)[0].author is None


# --- find_tweets: URL boundaries -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("See https://twitter.com/jack/status/20.", "https://twitter.com/jack/status/20"),
        ("https://twitter.com/jack/status/20, and", "https://twitter.com/jack/status/20"),
        ("(https://twitter.com/jack/status/20).", "https://twitter.com/jack/status/20"),
        ("'https://twitter.com/jack/status/20'", "https://twitter.com/jack/status/20"),
        ('"https://twitter.com/jack/status/20"', "https://twitter.com/jack/status/20"),
        ("<https://twitter.com/jack/status/20>", "https://twitter.com/jack/status/20"),
        ("[https://twitter.com/jack/status/20]", "https://twitter.com/jack/status/20"),
        ("**https://twitter.com/jack/status/20**", "https://twitter.com/jack/status/20"),
        ("~~https://twitter.com/jack/status/20~~!", "https://twitter.com/jack/status/20"),
        ("{{tweet https://twitter.com/jack/status/20}}", "https://twitter.com/jack/status/20"),
        ("`https://twitter.com/jack/status/20`", "https://twitter.com/jack/status/20"),
        ("https://twitter.com/jack/status/20?s=20;", "https://twitter.com/jack/status/20?s=20"),
        ("https://twitter.com/jack_ is here", "https://twitter.com/jack_"),
        ("https://twitter.com/jack's tweets", "https://twitter.com/jack"),
        ("[x](https://twitter.com/jack 'title')", "https://twitter.com/jack"),
        ("[x](https://x.com/search?q=(from:jack)))", "https://x.com/search?q=(from:jack)"),
        ("https://x.com/search?q=(from:jack).", "https://x.com/search?q=(from:jack)"),
        ("a\u00a0https://twitter.com/jack\u00a0b", "https://twitter.com/jack"),
    ],
)
def test_trailing_punctuation_is_not_part_of_the_url(text: str, url: str) -> None:
    assert [tweet.url for tweet in tweets(text)] == [url]


def test_url_inside_another_url_is_found_where_it_starts() -> None:
    text = "https://web.archive.org/web/2020/https://twitter.com/jack/status/20"
    assert tweets(text) == [
        Tweet(
            url="https://twitter.com/jack/status/20",
            kind=STATUS,
            line=1,
            column=34,
            handle="jack",
            status_id="20",
        )
    ]


def test_text_without_twitter_hosts() -> None:
    assert tweets("") == []
    assert tweets("Twitter is a website; see https://example.com/x.com and nitter.") == []
    assert tweets("twitter.com/jack/status/1 has no scheme") == []


def test_same_url_twice_and_positions_across_lines() -> None:
    text = "first line\n  ü https://twitter.com/jack/status/20\nhttps://twitter.com/jack/status/20"
    assert tweets(text, in_comment=True) == [
        Tweet(
            url="https://twitter.com/jack/status/20",
            kind=STATUS,
            line=2,
            column=5,
            handle="jack",
            status_id="20",
            in_comment=True,
        ),
        Tweet(
            url="https://twitter.com/jack/status/20",
            kind=STATUS,
            line=3,
            column=1,
            handle="jack",
            status_id="20",
            in_comment=True,
        ),
    ]


# --- find_tweets: embedded tweet display names -----------------------------------------------


def embed(signature: str, *, body: str = "<p>Hello</p>", tag: str = "blockquote") -> str:
    return f'<{tag} class="twitter-tweet">{body}{signature}</{tag}>'


def names(text: str) -> list[tuple[str | None, str | None]]:
    return [(tweet.handle, tweet.display_name) for tweet in tweets(text)]


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        (
            "&mdash; Hima Lakkaraju (Recruiting Students and Postdocs) (@hima_lakkaraju) "
            '<a href="https://twitter.com/hima_lakkaraju/status/1">May 1, 2020</a>',
            [("hima_lakkaraju", "Hima Lakkaraju (Recruiting Students and Postdocs)")],
        ),
        (
            "&mdash; Tom &amp; Jerry (@TomJerry) "
            '<a href="https://twitter.com/tomjerry/status/2">x</a>',
            [("tomjerry", "Tom & Jerry")],
        ),
        (
            '— Ada Lovelace (@ada) <a href="https://x.com/ada/status/3?ref_src=twsrc%5Etfw">x</a>',
            [("ada", "Ada Lovelace")],
        ),
        (
            "&mdash; Ada\n  Lovelace&nbsp;(@ada)\n"
            "<a class='d'\n href='https://twitter.com/ada/status/3'>x</a>",
            [("ada", "Ada Lovelace")],
        ),
        (
            '&mdash; Ada (@ada) <a href="https://twitter.com/i/web/status/4">x</a>',
            [(None, "Ada")],
        ),
        # The signature names someone else than the URL: do not guess.
        ('&mdash; Ada (@ada) <a href="https://twitter.com/bob/status/5">x</a>', [("bob", None)]),
        ('&mdash; (@ada) <a href="https://twitter.com/ada/status/6">x</a>', [("ada", None)]),
        ('&mdash; Ada @ada <a href="https://twitter.com/ada/status/7">x</a>', [("ada", None)]),
        ('&mdash; Ada (@ada) <a href="https://twitter.com/ada">x</a>', [("ada", None)]),
    ],
)
def test_embed_display_names(signature: str, expected: list[tuple[str | None, str]]) -> None:
    assert names(embed(signature)) == expected


def test_dash_in_tweet_text_does_not_start_the_signature() -> None:
    text = embed(
        '&mdash; Ada (@ada) <a href="https://twitter.com/ada/status/1">x</a>',
        body='<p>Read this &mdash; <a href="https://twitter.com/bob/status/9">link</a></p>',
    )
    assert names(text) == [("bob", None), ("ada", "Ada")]


def test_display_name_only_where_the_signature_links() -> None:
    signature = '&mdash; Ada (@ada) <a href="https://twitter.com/ada/status/1">x</a>'
    text = f"https://twitter.com/ada/status/1\n{embed(signature)}\nhttps://twitter.com/ada/status/1"
    assert [(tweet.line, tweet.display_name) for tweet in tweets(text)] == [
        (1, None),
        (2, "Ada"),
        (3, None),
    ]


def test_two_embeds_on_one_line() -> None:
    first = embed('&mdash; Ada (@ada) <a href="https://twitter.com/ada/status/1">x</a>')
    second = embed('&mdash; Bob (@bob) <a href="https://twitter.com/bob/status/2">x</a>')
    assert names(first + second) == [("ada", "Ada"), ("bob", "Bob")]


ADA = '&mdash; Ada (@ada) <a href="https://twitter.com/ada/status/1">x</a>'


@pytest.mark.parametrize(
    "text",
    [
        f"<blockquote>{ADA}</blockquote>",
        f'<blockquote class="twitter-tweet">{ADA}',
        f'<div class="twitter-tweet">{ADA}</div>',
    ],
)
def test_no_display_name_outside_a_closed_embed(text: str) -> None:
    assert names(text) == [("ada", None)]


# --- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://twitter.com/" + "a/" * 300_000, []),
        ("https://twitter.com/jack" + ")" * 1_000_000, [(PROFILE, "jack", None)]),
        ("https://twitter.com/jack/status/1" + "." * 1_000_000, [(STATUS, "jack", "1")]),
        ("https://nitter" + ".a" * 500_000, []),
        ("https://twitter.com/search?q=" + "from:" * 200_000, [(SEARCH, "from", None)]),
        ("https://twitter.com/jack " * 40_000, [(PROFILE, "jack", None)] * 40_000),
        ('<blockquote class="twitter-tweet" ' * 30_000 + "</blockquote>", []),
        ("&mdash; (" * 100_000 + "twitter", []),
    ],
)
def test_adversarial_input_is_fast(text: str, expected: list[tuple[TweetKind, str, str]]) -> None:
    started = time.perf_counter()
    assert summary(text) == expected
    assert time.perf_counter() - started < 2


def test_adversarial_embed_signature_is_fast() -> None:
    text = embed(
        "&mdash; (" * 100_000 + ' (@a) <a href="https://twitter.com/a/status/1">x</a>',
    )
    started = time.perf_counter()
    assert names(text) == [("a", "(")]
    spaced = embed("&mdash;" + " " * 1_000_000 + '<a href="https://twitter.com/a/status/1">x</a>')
    assert names(spaced) == [("a", None)]
    assert time.perf_counter() - started < 2


@given(st.text(alphabet=st.sampled_from(list("htps:/.()[]<>\"' \nwitercomx_@0123456789"))))
def test_every_found_url_is_where_it_says(noise: str) -> None:
    text = noise + " https://twitter.com/jack/status/20 " + noise
    index = LineIndex(text)
    for tweet in find_tweets(text, index):
        start = index.line_start(tweet.line) + tweet.column - 1
        assert text[start : start + len(tweet.url)] == tweet.url
        parsed = parse_tweet_url(tweet.url)
        assert parsed == ParsedTweetUrl(tweet.kind, tweet.handle, tweet.status_id)
    assert any(tweet.status_id == "20" for tweet in find_tweets(text, index))


@given(
    scheme=st.sampled_from(["http", "https", "HTTPS"]),
    host=st.sampled_from(
        ["twitter.com", "x.com", "www.twitter.com", "WWW.X.COM", "mobile.twitter.com", "nitter.net"]
    ),
    handle=st.from_regex(r"[A-Za-z0-9_]{1,22}", fullmatch=True)
    | st.sampled_from(["i", "I", "search", "home", "status", "Status"]),
    word=st.sampled_from(["status", "Status", "STATUS", "statuses", "statu", "photo"]),
    status_id=st.from_regex(r"[0-9]{1,20}", fullmatch=True),
    tail=st.sampled_from(["", "/", "?s=20", "/photo/1", "#m", "x"]),
)
def test_the_quick_reading_of_status_urls_agrees_with_parse_tweet_url(
    scheme: str, host: str, handle: str, word: str, status_id: str, tail: str
) -> None:
    url = f"{scheme}://{host}/{handle}/{word}/{status_id}{tail}"
    tweets = find_tweets(url, LineIndex(url))
    expected = parse_tweet_url(url)
    found = [(tweet.kind, tweet.handle, tweet.status_id) for tweet in tweets]
    assert found == (
        [] if expected is None else [(expected.kind, expected.handle, expected.status_id)]
    )
