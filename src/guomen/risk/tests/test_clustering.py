import pytest
from django.test import override_settings

from guomen.registry.tests.factories import EnterpriseFactory
from guomen.risk.clustering import cluster_attach
from guomen.risk.models import RiskCluster
from guomen.risk.selectors import cluster_history, cluster_list

from .factories import make_signal

pytestmark = pytest.mark.django_db


def test_signals_about_the_same_hazard_and_base_within_the_window_share_one_cluster(rw):
    first = make_signal(rw, n=1, days_ago=20)
    second = make_signal(rw, n=2, days_ago=5)
    assert first.cluster_id == second.cluster_id
    cluster = RiskCluster.objects.get()
    assert cluster.signal_count == 2
    assert cluster.dimension == "production_base"


def test_a_signal_after_the_window_starts_a_new_cluster(rw):
    first = make_signal(rw, n=1, days_ago=60)
    second = make_signal(rw, n=2, days_ago=0)
    assert first.cluster_id != second.cluster_id


@override_settings(GUOMEN_RISK_CLUSTER_WINDOW_DAYS=90)
def test_the_window_is_configurable(rw):
    first = make_signal(rw, n=1, days_ago=60)
    second = make_signal(rw, n=2, days_ago=0)
    assert first.cluster_id == second.cluster_id


def test_another_hazard_does_not_join(rw):
    from guomen.catalog.tests.factories import HazardFactory

    first = make_signal(rw, n=1)
    second = make_signal(rw, n=2, hazard=HazardFactory())
    assert first.cluster_id != second.cluster_id


def test_same_origin_and_commodity_cluster_without_enterprise(rw):
    first = make_signal(rw, n=1, enterprise=None, production_base=None)
    second = make_signal(rw, n=2, enterprise=None, production_base=None, days_ago=3)
    assert first.cluster_id == second.cluster_id
    assert first.cluster.dimension == "origin_commodity"


def test_same_enterprise_clusters_across_bases(rw):
    first = make_signal(rw, n=1, production_base=None, origin=None)
    second = make_signal(rw, n=2, production_base=None, origin=rw["vietnam"])
    assert first.cluster_id == second.cluster_id
    assert first.cluster.dimension == "enterprise"


def test_different_enterprises_without_shared_origin_do_not_cluster(rw):
    first = make_signal(rw, n=1, production_base=None, origin=None)
    second = make_signal(
        rw, n=2, production_base=None, origin=None, enterprise=EnterpriseFactory(org=rw["SZ"])
    )
    assert first.cluster_id != second.cluster_id


def test_signal_without_hazard_stays_alone(rw):
    signal = make_signal(rw, hazard=None)
    assert signal.cluster_id is None
    assert cluster_attach(signal) is None


def test_cluster_of_two_ports_belongs_to_their_common_unit(rw):
    make_signal(rw, n=1, org=rw["WJD"])
    make_signal(rw, n=2, org=rw["HG"])
    assert RiskCluster.objects.get().org == rw["SZ"]


def test_cluster_history_lists_signals_in_date_order_with_counts(rw):
    make_signal(rw, n=1, days_ago=10)
    make_signal(rw, n=2, days_ago=2, source="inspection")
    history = cluster_history(cluster=RiskCluster.objects.get())
    assert [s.title for s in history["signals"]] == ["检出南洋臀纹粉蚧 1", "检出南洋臀纹粉蚧 2"]
    assert sum(history["by_source"].values()) == 2


def test_open_cluster_list_hides_lapsed_clusters(rw):
    make_signal(rw, n=1, days_ago=45)
    assert list(cluster_list(user=rw["analyst"], status="open")) == []
    assert len(cluster_list(user=rw["analyst"], status="closed")) == 1


def test_other_jurisdiction_does_not_see_the_cluster(rw):
    make_signal(rw, n=1)
    assert list(cluster_list(user=rw["other_analyst"])) == []
    assert len(cluster_list(user=rw["analyst"])) == 1
