"""`govgraph can`: answers on the built-in dataset, each with its chain of reasons and their sources."""
from __future__ import annotations

import datetime as dt

import pytest
from govgraph.graph_builder.names import UnknownName
from govgraph.queries.can import NO, NOT_EXPECTED, NOT_KNOWN, NOT_STATED, ONLY_THROUGH, YES, can

# (who, matter, --for, --as-of) -> answer, route (for "only through"), and reasons that must be
# given, each as (words in the reason, a source it must cite).
CASES = {
    "HCE cannot take a financial decision binding CCC (appendix Democratic requirements bullet 1)": (
        ("Health and Care Executive", "local authority financial decision", "CCC", None), NO, [], [
            ("decided by Cambridgeshire County Council only through Cambridgeshire County Council constitutional",
             "appendix Democratic requirements bullet 1"),
            ("led by its elected councillors", "appendix Democratic requirements bullet 1"),
            ("through CCC senior officer representative on the Health and Care Executive, without a vote",
             "appendix Democratic requirements bullet 1"),
            ("has no vote on Health and Care Executive", None)]),
    "The Chair cannot sign for a district council in January 2017 (paper 4.2)": (
        ("Chair of the HWB Board", "LA Appendix", "South Cambridgeshire District Council", "2017-01-19"), NO, [], [
            ("expressly excludes South Cambridgeshire District Council", "paper 4.2"),
            ("agrees it itself only through South Cambridgeshire District Council democratic process", "paper 3.1(3)"),
            ("approval of the appendix before 19 January 2017: not delivered", "paper 3.3")]),
    "The Chair signing for the Board needs the Board to agree recommendation 4.2": (
        ("hwb-chair", "appendix", "cambs-hwb", "2017-03-01"), ONLY_THROUGH, ["Cambridgeshire Health and Wellbeing Board"], [
            ("may sign for Cambridgeshire Health and Wellbeing Board", "paper 3.4 first phase"),
            ("proposed, not yet agreed", "paper 4.2")]),
    "From the Board's meeting of 19 January 2017 the Chair may sign for the Board, once it agrees (paper 3.1(3), 4.2)": (
        ("hwb-chair", "appendix", "cambs-hwb", "2017-01-19"), ONLY_THROUGH, ["Cambridgeshire Health and Wellbeing Board"], [
            ("may sign for Cambridgeshire Health and Wellbeing Board", "paper 3.1(3)"),
            ("proposed, not yet agreed", "paper 4.2")]),
    "The day before that meeting the Chair's authority was not yet in force": (
        ("hwb-chair", "appendix", "cambs-hwb", "2017-01-18"), NO, [], [
            ("not in force on 2017-01-18 (valid from 2017-01-19)", "paper 3.1(3)"),
            ("No signing authority of Chairman of the Cambridgeshire Health and Wellbeing Board in force on 2017-01-18", None)]),
    "The joint Chief Executive could sign for CCC on 12 January 2017 (paper 3.1(2), 3.2)": (
        ("joint-chief-executive", "appendix", "CCC", "2017-01-12"), YES, [], [
            ("may sign for Cambridgeshire County Council", "paper 3.1(2)"),
            ("Action 2", "paper 3.1(2)"),
            ("12 January 2017 (completed, by that day)", "appendix signature block")]),
    "Guia Beasley signs for PCC as the joint Chief Executive": (
        ("Guia Beasley", "appendix", "PCC", "2017-01-12"), YES, [], [
            ("Guia Beasley, as Chief Executive of Cambridgeshire County Council and Peterborough City Council, may sign",
             "paper 3.2")]),
    "Whether Guia Beasley held the post in mid-2016 is not known": (
        ("Guia Beasley", "appendix", "PCC", "2016-06-01"), NOT_KNOWN, [], [
            ("(completed, only after that day)", "appendix signature block")]),
    "Without --for, the Chief Executive may sign the appendix for both councils": (
        ("joint-chief-executive", "appendix", None, None), YES, [], [
            ("may sign for Cambridgeshire County Council; Peterborough City Council", "paper 3.1(2)")]),
    "The HCE has no authority to sign the appendix": (
        ("HCE", "appendix", None, None), NOT_STATED, [], [
            ("no authority to sign", None)]),
    "The Chair has no authority for CCC": (
        ("hwb-chair", "appendix", "CCC", None), NO, [], [
            ("No signing authority of Chairman of the Cambridgeshire Health and Wellbeing Board covers Cambridgeshire County Council",
             "paper 4.2")]),
    "CCC takes its own financial decisions only through its constitution (appendix Democratic requirements bullet 1)": (
        ("CCC", "local authority financial decision", None, None), ONLY_THROUGH,
        ["Cambridgeshire County Council constitutional decision making"], [
            ("Cambridgeshire County Council decides on local authority financial decision",
             "appendix Democratic requirements bullet 2")]),
    "CCC cannot commit to sharing the STP's opening financial risk (appendix Democratic requirements bullet 4)": (
        ("CCC", "stp-opening-financial-risk", None, None), NO, [], [
            ("Councils cannot commit to sharing the STP's opening financial risk", "appendix Democratic requirements bullet 4"),
            ("duty to set a balanced budget, under Local Government Finance Act 1992",
             "legislation-record Local Government Finance Act 1992 ss.31A and 42A")]),
    "A district is bound by the same limit as part of the wider LA HWB membership": (
        ("Fenland", "stp-opening-financial-risk", None, None), NO, [], [
            ("as part of wider local authority Health and Wellbeing Board membership", "appendix Democratic requirements bullet 4")]),
    # The documents name no NHS partner individually (issue 13 item 6), and they say NHS partners
    # are "not expected to" commit to this risk, which is not a prohibition (item 5).
    "NHS partners are not expected to take on the financial risk of statutory social care": (
        ("NHS partners", "social-care-financial-risk", None, None), NOT_EXPECTED,
        ["appendix Democratic requirements bullet 4"], [
            ("the source does not expect NHS partners to commit to meeting the financial risk", "appendix Democratic requirements bullet 4"),
            ("under Care Act 2014", "legislation-record Care Act 2014 Part 1")]),
    "The HWB Board cannot take a policy decision binding Fenland": (
        ("HWB Board", "local authority policy decision", "Fenland", None), NO, [], [
            ("is decided by Fenland District Council only through Fenland District Council democratic process", "paper 3.1(3)"),
            # (paper 3.5 does not say whom the District Officer represents: issue 13 item 6)
            ("Fenland District Council sits on Cambridgeshire Health and Wellbeing Board, the sources do not say",
             "appendix Introduction bullet 3")]),
    "PCC keeps the power to change its priorities (appendix Democratic requirements bullet 3)": (
        ("PCC", "change-of-priorities", None, None), ONLY_THROUGH, ["Peterborough City Council constitutional decision making"], [
            ("keeps the right to change its priorities", "appendix Democratic requirements bullet 3")]),
    "The HWB Board may sign off the appendix for itself (paper 4.2)": (
        ("HWB Board", "document-sign-off", None, None), YES, [], [
            ("Cambridgeshire HWB Board sign-off of the STP MOU LA Appendix for itself", "paper 4.2")]),
    "Nothing in the sources gives anyone housing decisions for Cambridge City": (
        ("HCE", "housing", "Cambridge City Council", None), NOT_STATED, [], [
            ("The sources give no one a right to decide on housing", None)]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_can(ws, case):
    (who, matter, org, day), answer, through, expected = CASES[case]
    verdict = can(ws, who, matter, org, dt.date.fromisoformat(day) if day else None)
    assert verdict.answer == answer, [r.text for r in verdict.reasons]
    assert verdict.through == through
    for words, source in expected:
        matching = [r for r in verdict.reasons if words in r.text]
        assert matching, f"no reason says {words!r}: {[r.text for r in verdict.reasons]}"
        if source is not None:
            assert any(source in r.sources for r in matching), f"{words!r} lacks source {source!r}"
    assert all(r.sources for r in verdict.reasons if not r.text.startswith(("So ", "The sources give", "The authority's", "No signing authority")))


def test_every_case_has_reasons_with_sources():
    assert len(CASES) >= 10


def test_unknown_names_list_candidates(ws):
    with pytest.raises(UnknownName) as err:
        can(ws, "Health Executive", "financial decision")
    assert "Health and Care Executive (hce)" in err.value.candidates


def test_not_expected_is_said_as_the_source_says_it(ws):
    """Appendix, Democratic requirements bullet 4: NHS partners are "not expected to" commit to the
    financial risk of statutory social care. That is not a prohibition, and `can` does not say no."""
    verdict = can(ws, "nhs-partners", "social-care-financial-risk")
    assert verdict.answer == "not expected to"
    assert verdict.headline == "not expected to, per appendix Democratic requirements bullet 4"
    assert "not a prohibition" in verdict.reasons[0].text
    # where the source says "cannot", the answer stays no
    assert can(ws, "ccc", "stp-opening-financial-risk").answer == "no"
