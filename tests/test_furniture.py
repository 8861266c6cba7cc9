from kg.stages.furniture import find_furniture

PAGE = """Home | World | Europe
Sign in

Ministers agree on gas pact

By Jane Doe, Staff Writer

OSLO, Norway — The Norwegian foreign minister met his Swedish counterpart on Monday to sign a pipeline deal.

"We have found common ground," the minister said after the talks in the capital.

Related articles
Example Times Articles
"""


def test_furniture_blanks_navigation_byline_dateline_and_footer():
    f = find_furniture(PAGE)
    assert len(f.masked) == len(PAGE)
    body = " ".join(f.masked.split())
    assert body.startswith("The Norwegian foreign minister met")
    for junk in ("Home", "Sign in", "By Jane Doe", "OSLO, Norway", "Related articles", "Example Times Articles",
                 "Ministers agree on gas pact"):
        assert junk not in f.masked
    assert f.dateline_place == "OSLO, Norway"
    assert f.headline == "Ministers agree on gas pact"


def test_furniture_offsets_index_the_original_text():
    f = find_furniture(PAGE)
    s, e = f.body[0]
    assert PAGE[s:e].startswith("The Norwegian foreign minister")
    assert f.masked[s:e] == PAGE[s:e]


def test_furniture_keeps_plain_articles_whole():
    text = "The two governments signed a trade agreement in Geneva on Tuesday, officials said."
    f = find_furniture(text)
    assert f.masked == text
    assert f.dateline is None


def test_furniture_wire_dateline_with_agency():
    text = "GENEVA (Reuters) - Negotiators from both sides resumed talks on Friday after a long pause in the process."
    f = find_furniture(text)
    assert f.dateline_place == "GENEVA"
    assert f.masked.strip().startswith("Negotiators")
