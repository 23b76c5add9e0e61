"""`govgraph induction NAME`: the page's answers for three members of the built-in arrangement (text
assertions, through the command), its safety (no script, strict CSP, data as text), one screen,
and printing on A4 without cut tables (in Chromium, offline)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from govgraph.cli.app import app
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
MEMBERS = ["Health and Wellbeing Board District Officer", "Voluntary and Community Sector representative",
           "South Cambridgeshire District Council"]


def _page(tmp_path: Path, *args: str) -> tuple[str, str]:
    out = tmp_path / "page.html"
    result = CliRunner().invoke(app, ["induction", *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out.resolve())
    return out.read_text("utf-8"), result.stderr


def _text(html: str) -> str:
    """The page's visible text, tags stripped and entities decoded, whitespace collapsed."""
    import html as html_lib
    body = re.sub(r"<(style|svg)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_district_officer_sits_without_a_vote_for_the_districts(tmp_path: Path):
    text = _text(_page(tmp_path, MEMBERS[0])[0])
    assert "Induction: Health and Wellbeing Board District Officer" in text
    assert "Where do I sit? Cambridgeshire Health and Wellbeing Board" in text
    assert "Do I vote? Cambridgeshire Health and Wellbeing Board: no" in text
    assert "Whom do I speak for? nobody named in the sources" in text  # the paper does not say (paper 3.5)
    assert "What can we not decide? signing off a partnership document on an organisation's behalf" in text
    assert "Cambridgeshire Health and Wellbeing Board no itself nobody named in the sources" in text
    assert "Chairman of the Cambridgeshire Health and Wellbeing Board" in text  # who chairs
    assert "not recorded" in text  # quorum, voting rule and substitute: not in the built-in sources
    assert "Action 3: each District and City Council takes the appendix" in text  # in progress
    assert "date: 2017-01-19" in text


def test_vcs_representative_speaks_for_the_sector(tmp_path: Path):
    text = _text(_page(tmp_path, MEMBERS[1])[0])
    assert "Whom do I speak for? Voluntary and Community Sector" in text
    assert "Where do I sit? Cambridgeshire Health and Wellbeing Board" in text
    assert "Yours: Action 4: voluntary sector feedback" in text
    assert "Voluntary and Community Sector representative speaks for Voluntary and Community Sector" in text


def test_a_district_council_sees_its_seats_duties_and_what_it_cannot_do(tmp_path: Path):
    html, log = _page(tmp_path, MEMBERS[2])
    text = _text(html)
    assert "Where do I sit? Cambridgeshire Health and Wellbeing Board Do I vote? Cambridgeshire Health and " \
           "Wellbeing Board: not stated" in text
    assert "Whom do I speak for? itself" in text
    assert "Cambridgeshire Health and Wellbeing Board not stated itself itself" in text  # the seat table says the same
    # the summary counts every kind the "What binds you" list holds, the assigned action included (16 in the log)
    assert "What binds us? 1 statutory duty, 13 commitments, 1 constraint, 1 action assigned" in text
    assert "16 things that bind" in log
    assert "What can we not decide? sharing the opening financial risk of the STP" in text
    assert "Statutory duty: Duty to set a balanced budget (Local Government Finance Act 1992)" in text
    assert "legislation-record Local Government Finance Act 1992 ss.31A and 42A" in text  # the legal basis, sourced
    # can, with reasons: it decides its own finances only through its democratic process
    assert ("local authority financial decision for South Cambridgeshire District Council: only through "
            "South Cambridgeshire District Council democratic process") in text
    assert "Councils cannot commit to sharing the STP's opening financial risk" in text
    assert "induction: South Cambridgeshire District Council - 1 seat," in log


@pytest.mark.parametrize("member", [*MEMBERS, "Cambridgeshire County Council"])
def test_the_seat_table_and_the_summary_name_the_same_people_spoken_for(tmp_path: Path, member: str):
    html = _page(tmp_path, member)[0]
    summary = re.search(r"<dt>Whom do I speak for\?</dt><dd>(.*?)</dd>", html, re.S)
    assert summary, "no 'Whom do I speak for?' answer"
    table = html[html.index('id="seats"'):]
    table = table[:table.index("</table>")]
    cells = re.findall(r'<tr><th scope="row">[^<]*</th><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>', table)
    assert cells, "no seat rows"
    said = {w.strip() for w in summary.group(1).split(";")}
    for cell in cells:
        assert {w.strip() for w in cell.split(";")} <= said, f"{member}: seat says {cell!r}, summary {said}"


def test_as_of_and_bad_input(tmp_path: Path):
    html, _ = _page(tmp_path, MEMBERS[2], "--as-of", "2017-01-12")
    assert "as it stood on 2017-01-12" in html
    runner = CliRunner()
    unknown = runner.invoke(app, ["induction", "Nobody at all", "--out", str(tmp_path / "no.html")])
    assert unknown.exit_code == 2 and "no record is called 'Nobody at all'" in unknown.stderr
    bad_day = runner.invoke(app, ["induction", MEMBERS[0], "--as-of", "19/1/17", "--out", str(tmp_path / "no.html")])
    assert bad_day.exit_code == 2 and "YYYY-MM-DD" in bad_day.stderr
    duty = runner.invoke(app, ["induction", "Duty to set a balanced budget", "--out", str(tmp_path / "no.html")])
    assert duty.exit_code == 2 and "not an organisation, post or person" in duty.stderr
    assert not (tmp_path / "no.html").exists()


def test_the_page_has_no_script_and_a_strict_policy_and_shows_data_as_text(tmp_path: Path):
    out = tmp_path / "evil.html"
    result = CliRunner().invoke(app, ["induction", "evil-council", str(FIXTURES / "payloads.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "<script" not in html.lower()
    import html as html_lib
    policy = html_lib.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in policy and "script-src 'none'" in policy and "connect-src 'none'" in policy
    assert "&lt;img src=x onerror=" in html and "<img" not in html
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned" in html
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))
    parser = Tags()
    parser.feed(html)
    assert not [t for t, a in parser.found if {"src", "href", "action"} & set(a) or t in ("img", "a", "script")]




@pytest.mark.browser
@pytest.mark.parametrize("member", MEMBERS)
def test_the_answers_fit_one_screen_and_print_on_a4_without_cut_tables(browser, tmp_path: Path, member):
    out = tmp_path / "page.html"
    assert CliRunner().invoke(app, ["induction", member, "--out", str(out)]).exit_code == 0
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    outside, errors = [], []
    page.on("console", lambda m: errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
               else (outside.append(r.request.url), r.abort()))
    page.goto(out.as_uri())
    assert page.evaluate("document.getElementById('glance').getBoundingClientRect().bottom") <= 900
    assert "Do I vote?" in page.inner_text("#glance")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less the page margins, at 96 px per inch
    assert page.evaluate("""() => [...document.querySelectorAll('table, svg, .answer')]
        .every(t => t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)""")
    assert page.evaluate("""() => [...document.querySelectorAll('tr')]
        .every(r => getComputedStyle(r).breakInside === 'avoid')""")
    assert page.evaluate("() => getComputedStyle(document.querySelector('thead')).display") == "table-header-group"
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-"
    assert outside == [] and errors == []
    page.close()
