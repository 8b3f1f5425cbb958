from django.test import RequestFactory, override_settings

from config.client_address import client_ip

rf = RequestFactory()


def _request(xff=None, remote="192.0.2.1"):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **meta)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_no_trusted_proxy_means_the_socket_address():
    assert client_ip(_request("198.51.100.9")) == "192.0.2.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_rightmost_hop_only():
    assert client_ip(_request("6.6.6.6, 198.51.100.9")) == "198.51.100.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_proxies_take_the_second_hop_from_the_right():
    assert client_ip(_request("6.6.6.6, 198.51.100.9, 10.0.0.2")) == "198.51.100.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_too_few_hops_or_garbage_fall_back_to_the_socket():
    assert client_ip(_request("198.51.100.9")) == "192.0.2.1"
    assert client_ip(_request("not-an-ip, 10.0.0.2")) == "192.0.2.1"


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_log_lines_name_the_client_by_the_same_rule():
    import logging

    from config.logging import ClientAddressFilter

    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found", (), None)
    record.request = _request("6.6.6.6")
    plain = logging.LogRecord("x", logging.INFO, __file__, 1, "no request", (), None)

    assert ClientAddressFilter().filter(record) and record.client_ip == "192.0.2.1"
    assert ClientAddressFilter().filter(plain) and plain.client_ip == "-"
