"""A section's text: clean HTML from the editor or Word, the simple markup of the plain field,
texts written before the editor, and the blocks a text places."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from governance.letters.richtext import (
    ALLOWED_TAGS,
    as_html,
    html_to_markup,
    markup_to_html,
    sanitise,
    split_at_blocks,
)

# --- The simple markup ------------------------------------------------------------------------


def test_the_markup_becomes_paragraphs_subheadings_lists_links_and_tables():
    text = (
        "Eerste alinea\nloopt door.\n\n"
        "## Voortgang inkoopkader\n"
        "De segmenten:\n- Segment 1\n- Segment 2\n  (vervolg)\n"
        "1. eerst\n2. dan\n\n"
        "**Vet**, *cursief* en [de visie](https://example.org/visie), of https://youtu.be/x.\n\n"
        "| Maatregel | 2025 |\n|---|---|\n| Taskforce | 611.000 |"
    )
    assert markup_to_html(text) == (
        "<p>Eerste alinea<br>loopt door.</p>"
        "<h3>Voortgang inkoopkader</h3>"
        "<p>De segmenten:</p><ul><li>Segment 1</li><li>Segment 2 (vervolg)</li></ul>"
        "<ol><li>eerst</li><li>dan</li></ol>"
        "<p><strong>Vet</strong>, <em>cursief</em> en "
        '<a href="https://example.org/visie" rel="noopener noreferrer">de visie</a>, of '
        '<a href="https://youtu.be/x" rel="noopener noreferrer">https://youtu.be/x</a>.</p>'
        '<table><thead><tr><th scope="col">Maatregel</th><th scope="col">2025</th></tr></thead>'
        '<tbody><tr><td>Taskforce</td><td class="number">611.000</td></tr></tbody></table>'
    )


def test_a_table_and_a_list_pasted_as_plain_text_from_word_keep_their_shape():
    pasted = (
        "•\tVersterken toegangstaak\n•\tKostenbeheersing\n\nMaatregel\t2025\nTaskforce\t611.000"
    )
    assert markup_to_html(pasted) == (
        "<ul><li>Versterken toegangstaak</li><li>Kostenbeheersing</li></ul>"
        '<table><thead><tr><th scope="col">Maatregel</th><th scope="col">2025</th></tr></thead>'
        '<tbody><tr><td>Taskforce</td><td class="number">611.000</td></tr></tbody></table>'
    )
    assert markup_to_html("1.\tDe toegang.\n2.\tHet aanbod.") == (
        "<ol><li>De toegang.</li><li>Het aanbod.</li></ol>"
    )


def test_html_typed_in_the_markup_stays_text():
    assert markup_to_html("<b>vet</b> & <script>alert(1)</script>") == (
        "<p>&lt;b&gt;vet&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert markup_to_html("[klik](javascript:alert(1))") == "<p>[klik](javascript:alert(1))</p>"


def test_the_plain_field_shows_the_stored_html_as_markup_and_back():
    html = markup_to_html(
        "## Kop\n\nTekst met **vet** en [link](https://example.org).\n\n- a\n- b\n\n3. c\n4. d"
        "\n\n| x | y |\n| 1 | 2 |\n\n[[blok 1]]"
    )
    markup = html_to_markup(html)
    assert markup.startswith("## Kop\n\nTekst met **vet** en [link](https://example.org).")
    assert "3. c\n4. d" in markup
    assert markup_to_html(markup) == html


def test_texts_written_before_the_editor_read_as_they_were():
    old = "Aanleiding.\n\n## Tussenkop\n- eerste punt\n- tweede punt"
    assert as_html(old) == (
        "<p>Aanleiding.</p><h3>Tussenkop</h3><ul><li>eerste punt</li><li>tweede punt</li></ul>"
    )
    assert as_html("") == "" and as_html("   \n") == ""


# --- Cleaning HTML ------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert('script')</script>",
    '<img src="https://evil.example/pixel.png" onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover="alert(2)">handlers</p>',
    '<a href="javascript:alert(1)">javascript-link</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data-link</a>',
    '<a href="/beheer/">relative</a>',
    '<p style="background:url(https://evil.example/bg.png)">style</p>',
    "<style>p { background: url(https://evil.example/x.png) }</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<svg onload="alert(1)"><circle r="5"></circle></svg>',
    '<object data="https://evil.example/x.swf"></object>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<form action="https://evil.example/"><input name="x"></form>',
    '<p class="MsoNormal" id="x" data-x="1">attributes</p>',
    '<base href="https://evil.example/">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value) for name, value in attrs)


def _assert_clean(html: str):
    parser = _Collect()
    parser.feed(html)
    assert set(parser.tags) <= ALLOWED_TAGS, parser.tags
    for tag, name, value in parser.attrs:
        assert (tag, name) in {
            ("a", "href"),
            ("a", "rel"),
            ("ol", "start"),
            ("td", "colspan"),
            ("td", "rowspan"),
            ("th", "colspan"),
            ("th", "rowspan"),
            ("th", "scope"),
            ("td", "class"),
        }, (tag, name)
        if name == "href":
            assert value.startswith(("https://", "http://", "mailto:")), value
        if name == "class":
            assert value == "number"
    # Text is escaped: these can only be tags, and none may be left.
    lowered = html.lower()
    for needle in ("<script", "<img", "<style", "<iframe", "<svg", "<object", "<link", "<base"):
        assert needle not in lowered, needle


def test_hostile_html_leaves_only_its_harmless_text():
    for fragment in HOSTILE:
        _assert_clean(sanitise(fragment))
    cleaned = sanitise("".join(HOSTILE))
    for needle in ("alert", "javascript:", "onerror", "onclick", "style=", "url(", "evil"):
        assert needle not in cleaned, needle
    assert "handlers" in cleaned and "javascript-link" in cleaned and "relative" in cleaned


def test_word_html_keeps_paragraphs_lists_emphasis_links_and_tables():
    word = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>'
        "p.MsoNormal {margin:0}</style></head><body>"
        "<p class=MsoNormal><b>Regionale governance</b><o:p></o:p></p>"
        "<p class=MsoNormal>Na <i>instemming</i> door het <span style='color:red'>AB</span>.</p>"
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
        "<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;</span></span></span>"
        "<![endif]>Lokaal waar het kan<o:p></o:p></p>"
        "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
        "<span style='mso-list:Ignore'>·<span>&nbsp;</span></span>Regionaal waar nodig</p>"
        "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'>"
        "<span style='mso-list:Ignore'>1.<span>&nbsp;</span></span>De toegang.</p>"
        '<p class=MsoNormal><a href="https://youtu.be/CW_JC9YCy-I">filmpje</a></p>'
        "<table class=MsoTableGrid border=1 style='border-collapse:collapse'>"
        "<tr><td width=200 style='padding:0'><p class=MsoNormal><b>Maatregel</b></p></td>"
        "<td><p class=MsoNormal>2025</p></td></tr>"
        "<tr><td><p class=MsoNormal>Taskforce</p></td><td><p>611.000</p></td></tr></table>"
        "</body></html>"
    )
    assert sanitise(word) == (
        "<p><strong>Regionale governance</strong></p>"
        "<p>Na <em>instemming</em> door het AB.</p>"
        "<ul><li>Lokaal waar het kan</li><li>Regionaal waar nodig</li></ul>"
        "<ol><li>De toegang.</li></ol>"
        '<p><a href="https://youtu.be/CW_JC9YCy-I" rel="noopener noreferrer">filmpje</a></p>'
        '<table><thead><tr><th scope="col"><strong>Maatregel</strong></th>'
        '<th scope="col">2025</th></tr></thead>'
        '<tbody><tr><td>Taskforce</td><td class="number">611.000</td></tr></tbody></table>'
    )


def test_the_editors_html_is_normalised():
    assert sanitise("<div>Losse tekst</div><p><br></p><h2>Kop</h2>tekst<b>vet</b>") == (
        "<p>Losse tekst</p><h3>Kop</h3><p>tekst<strong>vet</strong></p>"
    )
    assert sanitise("<p>   </p><p><br></p>") == ""


# Fragments a hostile or clumsy paste is made of.
PIECES = st.sampled_from(
    [
        *HOSTILE,
        "<p>",
        "</p>",
        "<ul><li>",
        "</li></ul>",
        "<table><tr><td>",
        "</td></tr></table>",
        "<b>",
        "</b>",
        '<a href="https://example.org/">',
        "</a>",
        "[[blok 1]]",
        "tekst",
        " & ",
        "<",
        ">",
        '"',
        "'",
        "\n",
        "- ",
        "**",
        "*",
        "| ",
        "\t",
    ]
)
MIXES = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(MIXES)
def test_whatever_is_pasted_the_html_is_clean_and_cleaning_twice_changes_nothing(raw):
    cleaned = sanitise(raw)
    _assert_clean(cleaned)
    assert sanitise(cleaned) == cleaned
    _assert_clean(markup_to_html(raw))
    _assert_clean(as_html(raw))
    for piece in split_at_blocks(raw, 1)[0]:
        _assert_clean(piece.html)


@settings(max_examples=200, deadline=None)
@given(MIXES)
def test_the_plain_field_round_trip_is_clean_and_settles(raw):
    once = markup_to_html(html_to_markup(markup_to_html(raw)))
    _assert_clean(once)
    assert markup_to_html(html_to_markup(once)) == once


# --- Blocks in the text ---------------------------------------------------------------------------


def test_a_placeholder_paragraph_places_the_block_once_and_unknown_numbers_stay_text():
    html = markup_to_html(
        "Voor.\n\n[[blok 2]]\n\nMidden.\n\n[[Blok 1]]\n\n[[blok 2]]\n\n[[blok 9]]"
    )
    pieces, placed = split_at_blocks(html, 2)
    assert placed == {0, 1}
    assert [(piece.html, piece.block) for piece in pieces] == [
        ("<p>Voor.</p>", None),
        ("", 1),
        ("<p>Midden.</p>", None),
        ("", 0),
        ("<p>[[blok 2]]</p><p>[[blok 9]]</p>", None),
    ]


def test_a_placeholder_inside_a_table_or_list_places_nothing():
    html = sanitise(
        "<ul><li>[[blok 1]]</li></ul><table><tr><td><p>[[blok 1]]</p></td></tr></table>"
    )
    pieces, placed = split_at_blocks(html, 1)
    assert placed == set() and len(pieces) == 1
