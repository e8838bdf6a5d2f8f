import datetime as dt

import pytest

from guomen.emergency import services


@pytest.fixture
def plan(orgs, supervisor):
    return services.plan_save(
        org=orgs["SZ"],
        kind="port_health",
        title="深圳局口岸突发传染病疫情应急预案",
        contacts="值班电话 0755-88880000",
        revised_on=dt.date(2026, 3, 1),
        actor=supervisor,
    )


@pytest.fixture
def activation(plan, supervisor):
    return services.plan_activate(
        plan=plan, situation="入境旅客发热", instructions="隔离、转运、报告", actor=supervisor
    )


@pytest.fixture
def published_warning(orgs, make_user):
    """A published early warning of 深圳局 (its own supervisors validate and publish it: four eyes)."""
    from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
    from guomen.risk.tests.conftest import risk_world
    from guomen.risk.tests.factories import warning_data

    rw = risk_world(orgs, make_user)
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    warning_validate(warning=warning, actor=rw["supervisor"])
    warning_publish(warning=warning, actor=rw["second_supervisor"])
    return warning
