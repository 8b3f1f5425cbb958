"""The API throttle keys on the client address; X-Forwarded-For counts only from trusted proxies."""

import pytest
from rest_framework.settings import api_settings

from api.throttling import AnonThrottle


@pytest.fixture
def three_per_minute():
    AnonThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    yield
    AnonThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def test_rotating_x_forwarded_for_does_not_evade_the_throttle(client, db, three_per_minute):
    statuses = [
        client.get("/api/v1/regions/?level=province", HTTP_X_FORWARDED_FOR=f"10.9.{i}.{i}").status_code
        for i in range(6)
    ]

    assert statuses == [200, 200, 200, 429, 429, 429]


def test_behind_one_trusted_proxy_the_proxys_hop_is_the_client(client, db, settings, three_per_minute):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forges a left-hand entry; the proxy appends the address it really saw (203.0.113.7).
    forged = [
        client.get(
            "/api/v1/regions/?level=province", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.7", REMOTE_ADDR="127.0.0.1"
        ).status_code
        for i in range(4)
    ]
    other = client.get("/api/v1/regions/?level=province", HTTP_X_FORWARDED_FOR="203.0.113.8", REMOTE_ADDR="127.0.0.1")

    assert forged == [200, 200, 200, 429]
    assert other.status_code == 200  # another real client behind the same proxy has its own budget
