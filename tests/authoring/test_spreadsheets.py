"""Members spreadsheets in and out: `govgraph export --format xlsx|csv` and `govgraph import`."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from govgraph.authoring.members import same
from govgraph.cli.app import app
from govgraph.graph_builder import builtin_path
from govgraph.graph_builder.records import read_arrangement
from typer.testing import CliRunner

openpyxl = pytest.importorskip("openpyxl", reason="a dependency of govgraph: pip install -e . installs it")

runner = CliRunner()


def _copy(tmp_path: Path, name: str = "cp_stp_mou") -> Path:
    """A copy of a built-in arrangement (with the one it extends beside it, as in datasets/)."""
    for folder in {"cp_stp_mou", name}:
        shutil.copytree(builtin_path(folder), tmp_path / folder, dirs_exist_ok=True)
    return tmp_path / name


def _export(folder: Path, fmt: str, out: Path) -> Path:
    result = runner.invoke(app, ["export", str(folder), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _records(folder: Path) -> dict:
    return read_arrangement([folder]).records


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("name", ["cp_stp_mou", "cp_stp_mou_nov2016_plan"])
def test_round_trip_into_the_same_arrangement_changes_nothing(tmp_path, name, fmt):
    folder = _copy(tmp_path, name)
    table = _export(folder, fmt, tmp_path / f"members.{fmt}")
    before = _files(tmp_path)
    result = runner.invoke(app, ["import", str(table), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 records added, 0 changed, 11 unchanged" in result.stderr
    assert _files(tmp_path) == before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_gives_back_the_same_memberships(tmp_path, fmt):
    """Export, remove the memberships, import: every record is as it was."""
    folder = _copy(tmp_path)
    original = _records(folder)
    table = _export(folder, fmt, tmp_path / f"members.{fmt}")
    (folder / "memberships.yaml").unlink()
    result = runner.invoke(app, ["import", str(table), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert "11 records added" in result.stderr
    assert (folder / "members.yaml").is_file()
    after = _records(folder)
    assert list(after) != [] and set(after) == set(original)
    assert all(same(after[rid], original[rid]) for rid in original)


def test_round_trip_of_the_plan_into_its_own_folder(tmp_path):
    """The plan's memberships are inherited from the arrangement it extends; taken out of that one,
    the import puts them in the plan's own folder, and the plan reads as before."""
    plan = _copy(tmp_path, "cp_stp_mou_nov2016_plan")
    original = _records(plan)
    table = _export(plan, "xlsx", tmp_path / "plan.xlsx")
    base = tmp_path / "cp_stp_mou"
    changed = (base / "memberships.yaml").read_text(encoding="utf-8").replace("voting: not-stated", "voting: voting", 1)
    (base / "memberships.yaml").write_text(changed, encoding="utf-8")
    result = runner.invoke(app, ["import", str(table), "--out", str(plan)])
    assert result.exit_code == 0, result.output
    assert "0 records added, 1 changed, 10 unchanged" in result.stderr
    assert (plan / "plan.yaml").is_file() and "voting: not-stated" in (plan / "plan.yaml").read_text(encoding="utf-8")
    after = _records(plan)
    assert all(same(after[rid], original[rid]) for rid in original)


def test_xlsx_has_the_members_sheet_and_one_sheet_per_section(tmp_path):
    table = _export(builtin_path(), "xlsx", tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(table, read_only=True)
    assert book.sheetnames[0] == "members"
    assert {"organisations", "memberships", "signatures", "documents"} <= set(book.sheetnames)
    header = next(book["members"].iter_rows(values_only=True))
    assert list(header) == ["id", "label", "body", "member", "post", "organisation", "voting", "represents",
                            "from", "to", "source"]
    book.close()


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_a_new_seat_holder_header_case_and_a_change_in_place(tmp_path):
    folder = _copy(tmp_path)
    table = _write_csv(tmp_path / "changes.csv", [
        [" Body ", "MEMBER", "Post", "organisation", "Voting", "represents", "From", "to", "Source"],
        # a named person takes a new seat for Fenland: a person, a post and a tenure are made
        ["Cambridgeshire Health and Wellbeing Board", "Jo Example", "Fenland health portfolio seat",
         "Fenland District Council", "voting", "Fenland", "2024-05-16", "", "paper 3.5"],
        # the district officer's membership, now with a vote
        ["cambs-hwb", "", "hwb-district-officer", "", "voting", "district-and-city-councils", "", "", "paper 3.5"],
    ])
    memberships_before = (folder / "memberships.yaml").read_text(encoding="utf-8")
    result = runner.invoke(app, ["import", str(table), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert "4 records added, 1 changed, 0 unchanged" in result.stderr
    records = _records(folder)
    seat = records["cambs-hwb-fenland-health-portfolio-seat"]
    assert (seat.values["member"], seat.values["voting"], seat.values["represents"]) == \
        ("fenland-health-portfolio-seat", "voting", ["fenland-district-council"])
    assert records["fenland-health-portfolio-seat"].values["post-in"] == ["fenland-district-council"]
    assert records["jo-example-as-fenland-health-portfolio-seat"].values["holder"] == "jo-example"
    officer = records["cambs-hwb-district-officer"]
    assert officer.values["voting"] == "voting" and officer.file.name == "memberships.yaml"
    memberships_after = (folder / "memberships.yaml").read_text(encoding="utf-8")
    assert memberships_after.startswith(memberships_before.split("  - id: cambs-hwb-district-officer")[0])
    assert memberships_after.count("\n  - id: ") == memberships_before.count("\n  - id: ")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_bad_cells_name_their_place_exit_2_and_nothing_is_written(tmp_path, fmt):
    folder = _copy(tmp_path)
    rows = [["body", "member", "voting", "from", "source"],
            ["Cambridgeshire Health and Wellbeing Board", "Cambridge City Council", "yes", "", "paper 3.5"],
            ["Cambridgeshire Health and Wellbing Board", "Fenland District Council", "voting", "12/1/17", "paper 3.5"],
            ["Peterborough Health and Wellbeing Board", "Peterborough City Council", "voting", "", "minutes 4"]]
    if fmt == "csv":
        table = _write_csv(tmp_path / "bad.csv", rows)
    else:
        book = openpyxl.Workbook()
        book.active.title = "Sheet1"
        for row in rows:
            book.active.append(row)
        table = tmp_path / "bad.xlsx"
        book.save(table)
    before = _files(tmp_path / "cp_stp_mou")
    result = runner.invoke(app, ["import", str(table), "--out", str(folder)])
    assert result.exit_code == 2, result.output
    assert "nothing was written" in result.stderr and "Traceback" not in result.output
    where = {"xlsx": (f"{table}!Sheet1:C2:", f"{table}!Sheet1:A3:", f"{table}!Sheet1:D3:", f"{table}!Sheet1:E4:"),
             "csv": (f"{table}:2: [voting]", f"{table}:3: [body]", f"{table}:3: [from]", f"{table}:4: [source]")}[fmt]
    for place in where:
        assert place in result.stderr, result.stderr
    assert "'yes' is not a voting right" in result.stderr
    assert "did you mean Cambridgeshire Health and Wellbeing Board" in result.stderr
    assert "ambiguous" in result.stderr and "'minutes' is not the id of a documents record" in result.stderr
    assert result.stderr.count("fix:") == 4
    assert _files(tmp_path / "cp_stp_mou") == before


def test_unknown_columns_and_unreadable_files(tmp_path):
    folder = _copy(tmp_path)
    table = _write_csv(tmp_path / "odd.csv", [["body", "member", "vote", "source"]])
    result = runner.invoke(app, ["import", str(table), "--out", str(folder)])
    assert result.exit_code == 2
    assert "'vote' is not a column of the members table" in result.stderr
    assert "lacks the column voting" in result.stderr
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    other = runner.invoke(app, ["import", str(tmp_path / "notes.txt"), "--out", str(folder)])
    assert other.exit_code == 2 and "give an .xlsx or a .csv file" in other.stderr
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    broken = runner.invoke(app, ["import", str(tmp_path / "broken.xlsx"), "--out", str(folder)])
    assert broken.exit_code == 2 and "not a readable xlsx workbook" in broken.stderr
    empty = runner.invoke(app, ["import", str(table), "--out", str(tmp_path / "nowhere")])
    assert empty.exit_code == 2 and "govgraph init" in empty.stderr
