import pytest

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.inspections.models import InspectionTask
from guomen.reports import dashboard, stats
from guomen.reports.figures import Rate
from guomen.reports.scope import build_filter


def table(user, name, **filters):
    return stats.statistics_table(name, build_filter(user, {"period": "2026-09", **filters}))


def rows_by_label(t):
    return {row[0]: row[1:] for row in t.rows}


def test_totals_count_declarations_and_inspections_of_the_jurisdiction(world, supervisor):
    totals = stats.totals(build_filter(supervisor, {"period": "2026-09"}))
    assert totals["inspected"] == 5
    assert totals["non_conforming"] == 2
    assert totals["exports"] == 3
    assert totals["tasks"] == 6  # the open task counts as a task, the cancelled one does not


def test_origins_table_gives_pass_rates_and_drills_down_by_origin(world, supervisor):
    t = table(supervisor, "origins")
    brazil = t.rows[[d.get("origin") for d in t.drill].index("BR")]
    assert brazil[2:4] == [2, 1]
    assert brazil[4] == Rate(1, 2)
    assert brazil[5].display == "50.00%"
    assert {"origin": "BR"} in t.drill


def test_hazard_table_counts_consignments_per_hazard(world, supervisor):
    t = table(supervisor, "hazards")
    assert rows_by_label(t)["橘小实蝇"][1:3] == [1, 1]
    assert rows_by_label(t)["克伦特罗"][1] == 1


def test_targeting_hit_rate_separates_the_random_group(world, supervisor):
    t = table(supervisor, "targeting")
    assert [row[2:4] for row in t.rows] == [[1, 0], [4, 2]]  # random, then targeted


def test_group_filter_keeps_only_that_commodity(world, supervisor):
    t = table(supervisor, "channels", group="meat")
    assert t.rows[0][2:4] == [2, 1]


def test_hs_origin_direction_and_enterprise_filters(world, supervisor):
    assert table(supervisor, "channels", hs="0201").rows[0][2] == 2
    assert table(supervisor, "channels", origin="th").rows[0][2] == 3
    assert table(supervisor, "channels", direction="export").rows == []
    task = InspectionTask.objects.get(outcome="non_conforming", port__code="HG")
    t = table(supervisor, "channels", enterprise=task.declaration.declarant.uscc)
    assert t.rows[0][2:4] == [1, 1]


def test_ports_table_lists_only_ports_of_the_jurisdiction(world, supervisor):
    assert set(rows_by_label(table(supervisor, "ports"))) == {"文锦渡局", "皇岗局"}


def test_dispositions_table(world, supervisor):
    labels = rows_by_label(table(supervisor, "dispositions"))
    assert sum(v[0] for v in labels.values()) == 5


def test_trend_has_twelve_months_with_dashes_for_empty_ones(world, supervisor):
    t = dashboard.trend_table(build_filter(supervisor, {"period": "2026-09"}))
    assert len(t.rows) == 12
    by_month = {row[0]: row for row in t.rows}
    assert by_month["2026-09"][1:3] == [5, 2]
    assert by_month["2026-08"][1:3] == [2, 1]
    assert by_month["2026-01"][3].display == "—"


def test_heatmap_crosses_origin_and_commodity_group(world, supervisor):
    t = dashboard.heatmap_table(build_filter(supervisor, {"period": "2026-09"}))
    cells = {(r[0], r[1]): r[3] for r in t.rows}
    assert sum(cells.values()) == 2
    assert len(cells) == 2


def test_charts_are_built_for_the_dashboard(world, supervisor):
    charts = dashboard.charts(build_filter(supervisor, {"period": "2026-09"}))
    assert [c.key for c in charts] == ["trend", "hazards", "heatmap", "ports"]
    assert charts[0].option["series"][0]["data"][-1] == 5


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("period", "2026-13"),
        ("hs", "08x"),
        ("origin", "QQ"),
        ("group", "nope"),
        ("direction", "both"),
        ("enterprise", "nobody"),
        ("port", "BY"),
        ("org", "NOPE"),
    ],
)
def test_bad_filter_values_name_the_field(world, supervisor, field, value):
    with pytest.raises(ValidationFailed) as caught:
        build_filter(supervisor, {field: value})
    assert field in caught.value.fields


def test_another_jurisdiction_cannot_be_chosen(world, supervisor):
    with pytest.raises(PermissionDenied):
        build_filter(supervisor, {"org": "GZ"})


def test_roles_without_reports_are_refused(world, inspector, enterprise_user):
    for user in (inspector, enterprise_user):
        with pytest.raises(PermissionDenied):
            build_filter(user, {})


def test_administrator_of_the_general_bureau_sees_every_jurisdiction(world, admin_user):
    totals = stats.totals(build_filter(admin_user, {"period": "2026-09"}))
    assert (totals["inspected"], totals["non_conforming"]) == (8, 5)
