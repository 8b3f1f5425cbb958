"""The transparency page cache's key: short and of one shape whatever the requested path holds."""

from django.core.cache.backends.base import memcache_key_warnings

from matching.outcomes.cache import page_key


def test_a_hostile_path_gives_a_key_memcached_would_take():
    paths = ["/transparency/?since=" + "9" * 5000, "/transparency/?q=有 空格\n", "/transparency/\udcff"]
    keys = [page_key(p) for p in paths]
    for key in keys:
        assert len(key) < 120 and not list(memcache_key_warnings(":1:" + key))
    assert len(set(keys)) == len(paths) and page_key(paths[0]) == keys[0]  # distinct, and stable
