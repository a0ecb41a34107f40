import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaultkit.apps.edn import MAX_DEPTH, EdnError, Keyword, Symbol, parse_edn

LOGSEQ_CONFIG = r"""
;; This is the main configuration file of a Logseq graph.
;; Each option is a key-value pair in EDN, commas are optional.
{:meta/version 1

 ;; Set the preferred format.
 ;; Available options:
 ;; - Markdown (default)
 ;; - Org
 ;; :preferred-format "Org"
 :preferred-format "Markdown"

 ;; Set the preferred workflow style.
 :preferred-workflow :now

 ;; Exclude directories/files.
 ;; Example usage:
 ;; :hidden ["/archived" "/test.md" "../assets/archived"]
 :hidden []

 ;; Define the default journal page template.
 :default-templates
 {:journals ""}

 ;; Set the journal's page title format.
 :journal/page-title-format "MMM do, yyyy"

 ;; Whether to enable hover on tooltip preview feature.
 :ui/enable-tooltip? true

 :ui/show-brackets? true

 ;; Hide specific block properties.
 ;; Example usage:
 ;; :block-hidden-properties #{:public :icon}

 ;; The app will show those queries in today's journal page.
 :default-queries
 {:journals
  [{:title "🔨 NOW"
    :query [:find (pull ?h [*])
            :in $ ?start ?today
            :where
            [?h :block/marker ?marker]
            [(contains? #{"NOW" "DOING"} ?marker)]
            [?h :block/page ?p]
            [?p :block/journal? true]
            [?p :block/journal-day ?d]
            [(>= ?d ?start)]
            [(<= ?d ?today)]]
    :inputs [:14d :today]
    :result-transform (fn [result]
                        (sort-by (fn [h]
                                   (get h :block/priority "Z")) result))
    :group-by-page? false
    :collapsed? false}
   #_{:title "📅 NEXT"
      :query [:find (pull ?h [*])]
      :inputs [:today :7d-after]}]}

 :commands
 []

 :outliner/block-title-collapse-enabled? false

 ;; Macros replace texts and will make you more productive.
 :macros {"poem" "Rose is $1, violet's $2. Life's ordered: Org assists you."}

 :ref/linkable-journal-blocks-hidden? false, :editor/logical-outdenting? false,

 :graph/settings {:journal? true, :orphan-pages? false}

 :file/name-format :triple-lowbar}
"""


def test_realistic_logseq_config():
    config = parse_edn(LOGSEQ_CONFIG)

    assert config["file/name-format"] == "triple-lowbar"
    assert type(config["file/name-format"]) is Keyword
    assert config["meta/version"] == 1
    assert config["preferred-format"] == "Markdown"
    assert type(config["preferred-format"]) is str
    assert config["preferred-workflow"] == Keyword("now")
    assert config["hidden"] == []
    assert config["default-templates"] == {"journals": ""}
    assert config["journal/page-title-format"] == "MMM do, yyyy"
    assert config["ui/enable-tooltip?"] is True
    assert config["outliner/block-title-collapse-enabled?"] is False
    assert config["commands"] == []
    assert config["macros"] == {"poem": "Rose is $1, violet's $2. Life's ordered: Org assists you."}
    assert config["graph/settings"] == {"journal?": True, "orphan-pages?": False}
    assert config["editor/logical-outdenting?"] is False
    assert "block-hidden-properties" not in config

    (query,) = config["default-queries"]["journals"]
    assert query["title"] == "🔨 NOW"
    assert query["inputs"] == [Keyword("14d"), Keyword("today")]
    assert query["query"][:3] == [
        Keyword("find"),
        [Symbol("pull"), Symbol("?h"), [Symbol("*")]],
        Keyword("in"),
    ]
    assert query["query"][7:9] == [
        ["?h", Keyword("block/marker"), "?marker"],
        [[Symbol("contains?"), frozenset({"NOW", "DOING"}), Symbol("?marker")]],
    ]
    assert query["result-transform"][0] == Symbol("fn")
    assert query["group-by-page?"] is False


def test_keyword_and_symbol_are_strings_with_their_own_repr():
    assert parse_edn(":file/name-format") == Keyword("file/name-format")
    assert parse_edn(":file/name-format") == "file/name-format"
    assert repr(Keyword("a/b")) == "Keyword('a/b')"
    assert repr(parse_edn("?b")) == "Symbol('?b')"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nil", None),
        ("true", True),
        ("false", False),
        ("0", 0),
        ("-17", -17),
        ("+5", 5),
        ("42N", 42),
        ("2.5", 2.5),
        ("-1.5e3", -1500.0),
        ("1E2", 100.0),
        ("3.", 3.0),
        ("1.25M", Decimal("1.25")),
        ("##Inf", math.inf),
        ("##-Inf", -math.inf),
        ('"a\\"b\\\\c\\nd\\te"', 'a"b\\c\nd\te'),
        ('"\\u00e9\\u4E2D"', "é中"),
        ('"\\ud83d\\ude00"', "😀"),
        ('"multi\nline"', "multi\nline"),
        ("\\a", "a"),
        ("\\newline", "\n"),
        ("\\space", " "),
        ("\\u0041", "A"),
        ("\\(", "("),
        ('#"\\d+\\"x"', '\\d+\\"x'),
        ('#inst "2022-11-19T00:00:00Z"', "2022-11-19T00:00:00Z"),
        ('#uuid "6651e92e-fb34-4d24-a386-d9698c2e93f7"', "6651e92e-fb34-4d24-a386-d9698c2e93f7"),
        ("^{:doc 1} [1]", [1]),
        ("^:private {:a 1}", {"a": 1}),
        ("^:a ^:b x", "x"),
        ("[1 #_ 2 3]", [1, 3]),
        ("[#_ #_ 1 2 3]", [3]),
        ("#_ {:ignored true} :kept", "kept"),
        ("[1,2,,3]", [1, 2, 3]),
        ("(a b)", ["a", "b"]),
        ("[]", []),
        ("{}", {}),
        ("#{}", frozenset()),
        ("#{1 :a}", frozenset({1, "a"})),
        ("#{[1] [2]}", [[1], [2]]),
        ("{[1 2] :v}", {(1, 2): "v"}),
        ("{{:a [1]} :v}", {frozenset({("a", (1,))}): "v"}),
        ("[a/b * ?x $ <= ' ' ]", ["a/b", "*", "?x", "$", "<=", "'", "'"]),
        ("; leading comment\n:x ; trailing comment", "x"),
        ("[1 ;; comment ]\n 2]", [1, 2]),
    ],
)
def test_values(text, expected):
    assert parse_edn(text) == expected


def test_value_types():
    assert type(parse_edn("42N")) is int
    assert type(parse_edn("1.0")) is float
    assert type(parse_edn('"x"')) is str
    assert type(parse_edn("x")) is Symbol
    assert type(parse_edn(":x")) is Keyword
    assert math.isnan(parse_edn("##NaN"))


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("", "expected a form, found end of input", 1, 1),
        ("  ; only a comment", "expected a form, found end of input", 1, 19),
        ("{:a 1\n :b [2 3]\n", "unclosed '{'", 1, 1),
        ("{:a 1\n :b [2 3\n}", "unexpected '}', expected ']' to close the '[' at 2:5", 3, 1),
        ("{:a 1}\n    )", "unexpected ')'", 2, 5),
        (")", "unexpected ')'", 1, 1),
        ("{:a 1} :b", "unexpected content after the top-level form", 1, 8),
        ("{:a}", "a map needs an even number of forms", 1, 1),
        ("{:a 1\n :a 2}", "duplicate map key :a", 2, 2),
        ('{"k" 1 "k" 2}', "duplicate map key 'k'", 1, 8),
        ("#{1 2 1}", "duplicate set element 1", 1, 7),
        ('["abc', "unterminated string", 1, 2),
        ('"ab\\', "unterminated string", 1, 1),
        ('"\\x"', "unsupported escape '\\x'", 1, 2),
        ('"\\u12"', "'\\u' needs four hexadecimal digits", 1, 2),
        ('"\\udc00"', "unpaired surrogate in '\\u' escape", 1, 2),
        ('#"abc', "unterminated regex", 1, 1),
        ("[#_]", "expected a form after '#_', found ']'", 1, 4),
        ("#_", "expected a form after '#_'", 1, 1),
        ("[1 #inst]", "expected a form after '#inst', found ']'", 1, 9),
        ("^", "expected a form after '^'", 1, 1),
        ("^:meta", "expected a form after '^'", 1, 1),
        ("#", "unexpected end of input after '#'", 1, 1),
        ("#(inc %)", "unsupported dispatch '#('", 1, 1),
        ("#:ns{:a 1}", "unsupported dispatch '#:'", 1, 1),
        ("##Infinity", "unknown symbolic value '##Infinity'", 1, 1),
        ("\\", "unexpected end of input after '\\'", 1, 1),
        ("\\bell", "unsupported character literal '\\bell'", 1, 1),
        ("[1 01]", "invalid number '01'", 1, 4),
        ("1/2", "invalid number '1/2'", 1, 1),
        ("0x1F", "invalid number '0x1F'", 1, 1),
        ("-5abc", "invalid number '-5abc'", 1, 1),
        (":", "invalid keyword ':'", 1, 1),
        ("::auto", "invalid keyword '::auto'", 1, 1),
        ("1" * 5000, "integer too large", 1, 1),
        ("[\n\té ,\n  )", "unexpected ')', expected ']' to close the '[' at 1:1", 3, 3),
    ],
)
def test_errors_carry_message_and_position(text, message, line, column):
    with pytest.raises(EdnError) as caught:
        parse_edn(text)
    assert (caught.value.message, caught.value.line, caught.value.column) == (message, line, column)
    assert str(caught.value) == f"{line}:{column}: {message}"


def test_edn_error_is_a_value_error():
    assert issubclass(EdnError, ValueError)


def test_nesting_up_to_the_limit_is_accepted():
    value = parse_edn("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    depth = 0
    while value:
        (value,) = value
        depth += 1
    assert (MAX_DEPTH, value) == (500, [])


@pytest.mark.parametrize("opener", ["[", "(", "{", "#{", "#_", "^", "#tag "])
def test_nesting_beyond_the_limit_is_an_error(opener):
    text = opener * 100_000
    with pytest.raises(EdnError) as caught:
        parse_edn(text)
    assert caught.value.message == "nesting deeper than 500 levels"
    assert caught.value.column == 500 * len(opener) + 1


def test_deeply_nested_map_key_is_frozen():
    key = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    (frozen,) = parse_edn("{" + key + " 1}")
    assert isinstance(frozen, tuple)


@settings(max_examples=500)
@given(st.text())
def test_arbitrary_text_parses_or_raises_edn_error(text):
    try:
        parse_edn(text)
    except EdnError as error:
        assert error.line >= 1
        assert error.column >= 1


EDN_ALPHABET = st.sampled_from(list("()[]{}#_^\"\\;:, \n\tabc0123456789.-+/NM'euU"))


@settings(max_examples=500)
@given(st.lists(EDN_ALPHABET, max_size=60).map("".join))
def test_edn_like_text_parses_or_raises_edn_error(text):
    try:
        parse_edn(text)
    except EdnError as error:
        assert 1 <= error.line <= text.count("\n") + 1
        assert 1 <= error.column <= len(text) + 1
