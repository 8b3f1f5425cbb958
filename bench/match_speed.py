#!/usr/bin/env python3
"""Matching speed on the embedded engine and a live cluster, with a synthetic generator (no real records).

    .venv/bin/python bench/match_speed.py [--sizes 10000,100000] [--needs 100000] [--queries 300] [--wagtail-docs 1000]
                                          [--engine embedded,elasticsearch]

``--engine`` lists the engines timed on the same documents and queries, in one run; ``elasticsearch``
needs ``ELASTICSEARCH_URL`` (``scripts/elasticsearch.sh start``) and also prints where a match's time
goes: the engine's own ``took``, the HTTP round trip around it (client and network), and the rest
(the database-free matcher in this process).

For each size N: generate N projects and ``--needs`` needs (default 100,000; 0 = N) (seeded, realistic Chinese texts
across the 13
categories, counties from the shipped region dataset), compute the matcher features (as
search/documents.py does), index them into a fresh embedded index (tantivy + jieba) and time
``search.services.rank_for_need`` / ``rank_for_project`` in-process. Prints indexing throughput
(documents/s, backend alone and with features), index size on disk, match latency p50/p95 and
peak memory (``resource.getrusage``). Then runs the same Chinese queries through Wagtail's
database search backend and through the embedded engine over the same needs (a temporary SQLite
database), and prints how many of the queries each finds and the latency ratio.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import statistics
import time

from django_env import REPO, prepare

TMP = prepare("bench")

TODAY = dt.date(2026, 11, 29)
QUERIES = [
    "敬老院",
    "莲花县",
    "留守儿童",
    "护理补贴",
    "危房改造",
    "白内障",
    "助学金",
    "电商培训",
    "临时救助",
    "适老化改造",
]

# (category, need titles, need sentences, project titles, project summaries)
THEMES = [
    (
        "elderly_care",
        ["{c}某乡敬老院卫浴改造", "{c}敬老院适老化改造", "{c}农村幸福院设施添置"],
        ["敬老院卫生间没有扶手，老人洗澡不便", "希望加装呼叫系统和防滑地面", "院内供养老人多为失能半失能"],
        ["农村敬老院适老化改造", "特困供养服务设施提升", "居家养老上门服务"],
        ["为县级以下敬老院改造卫浴、加装扶手与呼叫系统", "为高龄独居老人提供助餐助洁服务"],
    ),
    (
        "children",
        ["{c}留守儿童课后托管", "{c}留守儿童心理关爱", "{c}事实无人抚养儿童关爱"],
        ["村里留守儿童放学后无人照看", "希望开设四点半课堂", "孩子们缺少陪伴和心理疏导"],
        ["留守儿童四点半课堂", "儿童之家关爱服务", "困境儿童成长陪伴"],
        ["为农村留守儿童提供课后托管与作业辅导", "由儿童主任开展走访与心理陪伴"],
    ),
    (
        "disability",
        ["{c}重度残疾人护理补贴申领协助", "{c}残疾人康复辅具适配", "{c}残疾儿童康复训练"],
        ["协助重度残疾人申领护理补贴和生活补贴", "需要轮椅、助行器等辅具", "希望有康复师上门训练"],
        ["残疾人两项补贴帮办代办", "康复辅具适配服务", "社区康复站建设"],
        ["为重度残疾人提供护理补贴申领与上门评估", "为残疾人适配轮椅助听器并开展康复训练"],
    ),
    (
        "housing",
        ["{c}低保户危房改造", "{c}特困户住房修缮", "{c}屋顶漏雨维修"],
        ["房屋墙体开裂，经鉴定为C级危房", "雨季屋顶漏雨，急需修缮", "希望尽快完成危房改造"],
        ["农村危房改造帮扶", "困难家庭住房安全保障", "农房抗震加固"],
        ["为低保户、特困户开展危房改造和住房修缮", "组织施工队伍对困难家庭房屋进行加固"],
    ),
    (
        "medical",
        ["{c}白内障复明手术", "{c}大病医疗费用救助", "{c}慢病送药上门"],
        ["村里多位老人患白内障看不清", "因病致贫，住院费自付部分负担重", "高血压糖尿病患者需要长期服药"],
        ["光明行白内障复明", "大病医疗救助基金", "乡村义诊巡诊"],
        ["为贫困白内障患者免费实施复明手术", "对因病致贫家庭的自付医疗费用给予救助"],
    ),
    (
        "education",
        ["{c}困难家庭学生助学金", "{c}乡村小学图书角", "{c}寄宿制学校冬衣捐赠"],
        ["家庭困难学生面临辍学", "学校缺少课外读物和学习用品", "希望资助学生完成学业"],
        ["春蕾助学计划", "乡村学校图书室建设", "支教与课后辅导"],
        ["为困难家庭学生提供助学金和学习用品", "招募志愿者到乡村学校支教"],
    ),
    (
        "industry",
        ["{c}农产品电商培训", "{c}特色产业合作社扶持", "{c}消费帮扶对接"],
        ["村里猕猴桃滞销，缺少销售渠道", "希望开展电商培训和直播带货", "合作社需要冷库和包装设备"],
        ["乡村电商人才培训", "消费帮扶产销对接", "特色产业技术指导"],
        ["开展电商培训，帮助农户网上销售农产品", "对接企业食堂与超市开展消费帮扶"],
    ),
    (
        "emergency",
        ["{c}火灾受灾家庭临时救助", "{c}意外伤害急难救助", "{c}洪涝灾后生活救助"],
        ["家中突发火灾，房屋和衣物被烧毁", "家庭主要劳动力意外受伤，生活陷入困境", "急需临时救助和生活物资"],
        ["急难救助备用金", "临时救助快速响应", "灾后生活物资援助"],
        ["对遭遇突发事件的困难家庭给予临时救助", "先行垫付急难救助资金，后补手续"],
    ),
    (
        "left_behind",
        ["{c}留守老人关爱探访", "{c}农村留守妇女技能培训"],
        ["留守老人独居，子女常年外出务工", "希望定期探访并提供助餐服务"],
        ["农村留守老人关爱行动", "留守妇女手工技能培训"],
        ["组织志愿者定期探访留守老人，开展助餐助洁", "为留守妇女提供手工编织与就业培训"],
    ),
    (
        "employment",
        ["{c}脱贫劳动力技能培训", "{c}易地搬迁群众就业对接"],
        ["搬迁群众缺少就业技能", "希望组织岗位对接和技能培训"],
        ["就业技能培训营", "搬迁社区就业帮扶"],
        ["开展家政、电工、月嫂等职业技能培训", "为易地扶贫搬迁群众对接就近就业岗位"],
    ),
]
SKILLS = [
    "construction",
    "teaching",
    "medical",
    "rehabilitation",
    "psychological",
    "social_work",
    "legal",
    "agriculture",
    "ecommerce",
    "logistics",
    "elderly_care",
    "childcare",
    "it",
]


def counties():
    rows = list(csv.reader(open(REPO / "matching" / "data" / "regions.csv", encoding="utf-8")))
    names = {r[0]: r[1] for r in rows}
    tags = {r[0]: r[4].split() if len(r) > 4 else [] for r in rows}
    out = [(r[0], r[1]) for r in rows if len(r) > 3 and r[3] == "county"]
    return out, names, tags


def _need_doc(rng, i: int, county_list, names, tags) -> dict:
    """One need document (the ``i``-th: every 97th in Lianhua county)."""
    from search.matcher.hard_rules import NATIONWIDE

    lianhua = ("360321", "莲花县")
    code, cname = lianhua if i % 97 == 0 else rng.choice(county_list)
    cat, ntitles, nsent, _pt, _ps = rng.choice(THEMES)
    sentences = rng.sample(nsent, k=min(len(nsent), rng.randint(2, 3)))
    region_tags = sorted({t for c in (code, code[:4] + "00", code[:2] + "0000") for t in tags.get(c, [])})
    return {
        "ref": f"need-s{i:06d}",
        "title": rng.choice(ntitles).format(c=cname),
        "description": f"{names.get(code[:4] + '00', '')}{cname}民政局反映：" + "。".join(sentences) + "。",
        "categories": [cat],
        "region": code,
        "region_name": cname,
        "prefecture": code[:4] + "00",
        "province": code[:2] + "0000",
        "region_path": [code, code[:4] + "00", code[:2] + "0000", NATIONWIDE],
        "region_tags": region_tags,
        "circle": rng.choice(["core", "low_income", "emergency"]),
        "urgency": rng.choices(["normal", "urgent", "critical"], [8, 2, 1])[0],
        "beneficiaries": rng.randint(1, 300),
        "amount_requested": rng.randint(0, 500) * 100_000,
        "currency": "CNY",
        "volunteers_needed": rng.choice([0, 0, 2, 5]),
        "skills": rng.sample(SKILLS, k=rng.randint(0, 2)),
        "deadline": TODAY + dt.timedelta(days=rng.randint(-30, 400)),
        "published_on": TODAY - dt.timedelta(days=rng.randint(0, 400)),
        "status": rng.choices(["open", "matched", "in_progress"], [7, 2, 1])[0],
        "first_response_on": None,
    }


def _project_doc(rng, i: int, n: int, county_list) -> dict:
    """One project document of ``n`` (five projects an organisation)."""
    from search.matcher.hard_rules import NATIONWIDE

    code, _cname = rng.choice(county_list)
    level = rng.random()
    region = (
        code if level < 0.4 else code[:4] + "00" if level < 0.75 else code[:2] + "0000" if level < 0.95 else NATIONWIDE
    )
    cat, _nt, _ns, ptitles, psummaries = rng.choice(THEMES)
    return {
        "ref": f"prj-s{i:06d}",
        "organisation": f"org-s{i % (n // 5 + 1):05d}",
        "organisation_name": f"社会组织{i % (n // 5 + 1)}",
        "organisation_status": rng.choices(["verified", "pending", "suspended"], [9, 1, 0.3])[0],
        "title": rng.choice(ptitles),
        "summary": rng.choice(psummaries),
        "description": "。".join(rng.sample(psummaries, k=len(psummaries))) + "。服务范围覆盖本地区。",
        "categories": [cat] + ([rng.choice(THEMES)[0]] if rng.random() < 0.2 else []),
        "service_regions": [region],
        "budget_available": rng.randint(0, 2000) * 100_000,
        "currency": "CNY",
        "volunteer_slots": rng.choice([0, 5, 20]),
        "skills": rng.sample(SKILLS, k=rng.randint(0, 3)),
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": TODAY + dt.timedelta(days=rng.randint(-60, 900)),
        "status": rng.choices(["active", "paused", "completed"], [8, 1, 1])[0],
    }


def generate(n: int, seed: int = 7, *, n_needs: int | None = None):
    """``n_needs`` (default ``n``) needs and ``n`` projects as the flat documents search/documents.py
    builds."""
    rng = random.Random(seed)
    county_list, names, tags = counties()
    needs = [_need_doc(rng, i, county_list, names, tags) for i in range(n if n_needs is None else n_needs)]
    projects = [_project_doc(rng, i, n, county_list) for i in range(n)]
    return needs, projects


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class TimedCalls:
    """Wraps an Elasticsearch backend's client: the engine's ``took`` and the HTTP round trip of each
    search, and the time of every request (searches and the matched document's own ``get``)."""

    def __init__(self, backend):
        self.took, self.http, self.requests = [], [], 0
        self.request_ms = 0.0
        original = backend.client.search

        def search(*args, **kwargs):
            t = time.perf_counter()
            raw = original(*args, **kwargs)
            self.http.append((time.perf_counter() - t) * 1000)
            self.took.append(float(raw["took"]))
            return raw

        backend.client.search = search
        transport = backend.client.transport
        perform = transport.perform_request

        def perform_request(*args, **kwargs):
            t = time.perf_counter()
            try:
                return perform(*args, **kwargs)
            finally:
                self.requests += 1
                self.request_ms += (time.perf_counter() - t) * 1000

        transport.perform_request = perform_request

    def reset(self):
        self.took.clear()
        self.http.clear()
        self.requests, self.request_ms = 0, 0.0


def engine_cpu_ms(backend) -> float:
    """CPU time the engine's processes have used so far, all nodes (from the nodes' own stats): on a
    machine shared with other work this, not the wall time, says what the engine itself costs."""
    stats = backend.client.nodes.stats(metric="process")
    return float(sum(n["process"]["cpu"]["total_in_millis"] for n in stats["nodes"].values()))


def round_trip_ms(backend, k: int = 50) -> float:
    """Median round trip of the smallest request (the root endpoint): client + loopback + HTTP layer."""
    times = []
    for _ in range(k):
        t = time.perf_counter()
        backend.client.info()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def make_backend(engine: str, n: int):
    if engine == "embedded":
        from search.backends.embedded import EmbeddedBackend

        return EmbeddedBackend({"PATH": str(TMP / f"index-{n}")})
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(
        {"URL": os.environ["ELASTICSEARCH_URL"], "INDEX_PREFIX": f"bangfu-speed-{os.getpid()}-{n}"}
    )
    backend.clear()
    return backend


def size_mib(backend, kind: str) -> float:
    if hasattr(backend, "size_on_disk"):
        return backend.size_on_disk(kind) / 2**20
    stats = backend.client.indices.stats(index=backend.alias(kind), metric="store")
    return stats["_all"]["primaries"]["store"]["size_in_bytes"] / 2**20


def run_size(n: int, queries: int, n_needs: int, engines: list[str]) -> list[dict]:
    from search.matcher import FEATURES_KEY, document_features

    print(f"\n== {n:,} projects + {n_needs:,} needs ==", flush=True)
    t0 = time.perf_counter()
    needs, projects = generate(n, n_needs=n_needs)
    t_gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in needs:
        d[FEATURES_KEY] = document_features(d, "need")
    for d in projects:
        d[FEATURES_KEY] = document_features(d, "project")
    t_feat = time.perf_counter() - t0
    print(f"generate {t_gen:.1f}s; features {t_feat:.1f}s ({(len(needs) + len(projects)) / t_feat:,.0f} docs/s)")
    results = []
    for engine in engines:
        backend = make_backend(engine, n)
        try:
            results.append(run_engine(engine, backend, n, n_needs, needs, projects, queries, t_feat))
        finally:
            if engine != "embedded":
                backend.clear()
    return results


def _index_timed(engine, backend, needs, projects, t_feat) -> tuple[float, float]:
    """Rebuild both indexes and print the rates; returns (seconds, index size in bytes)."""
    live = engine != "embedded"
    e0 = engine_cpu_ms(backend) if live else 0.0
    t0, c0 = time.perf_counter(), time.process_time()
    backend.rebuild("need", iter(needs))
    backend.rebuild("project", iter(projects))
    t_index, c_index = time.perf_counter() - t0, time.process_time() - c0
    e_index = (engine_cpu_ms(backend) - e0) / 1000 if live else 0.0
    docs = len(needs) + len(projects)
    size = (size_mib(backend, "need") + size_mib(backend, "project")) * 2**20
    print(
        f"index {t_index:.1f}s ({docs / t_index:,.0f} docs/s backend alone, "
        f"{docs / (t_index + t_feat):,.0f} docs/s with features; {docs / c_index:,.0f} docs per CPU-second "
        f"of this process"
        + (f", {docs / e_index:,.0f} per CPU-second of the engine" if live else "")
        + f"); index size {size / 2**20:.1f} MiB; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    return t_index, size


def _matches_timed(backend, needs, projects, queries, live) -> dict:
    """Match sampled open needs to projects and active projects to needs, timing each call."""
    from search.services import rank_for_need, rank_for_project

    rng = random.Random(11)
    open_needs = [d["ref"] for d in needs if d["status"] == "open"]
    good_projects = [
        d["ref"]
        for d in projects
        if d["status"] == "active" and d["organisation_status"] == "verified" and d["ends_on"] >= TODAY
    ]
    for ref in open_needs[:5]:  # warm up readers and caches
        rank_for_need(need_ref=ref, backend=backend, today=TODAY)
    calls = TimedCalls(backend) if live else None
    ping = round_trip_ms(backend) if live else 0.0
    e0 = engine_cpu_ms(backend) if live else 0.0
    lat_np, lat_pn, cpu_np, cpu_pn, returned = [], [], [], [], 0
    for ref in rng.sample(open_needs, min(queries, len(open_needs))):
        t, c = time.perf_counter(), time.process_time()
        returned += len(rank_for_need(need_ref=ref, backend=backend, today=TODAY, limit=10))
        lat_np.append((time.perf_counter() - t) * 1000)
        cpu_np.append((time.process_time() - c) * 1000)
    for ref in rng.sample(good_projects, min(queries, len(good_projects))):
        t, c = time.perf_counter(), time.process_time()
        rank_for_project(project_ref=ref, backend=backend, today=TODAY, limit=10)
        lat_pn.append((time.perf_counter() - t) * 1000)
        cpu_pn.append((time.process_time() - c) * 1000)
    e_match = (engine_cpu_ms(backend) - e0) / (len(lat_np) + len(lat_pn)) if live else 0.0
    return {
        "lat_np": lat_np,
        "lat_pn": lat_pn,
        "cpu_np": cpu_np,
        "cpu_pn": cpu_pn,
        "returned": returned,
        "calls": calls,
        "ping": ping,
        "e_match": e_match,
    }


def _print_where_time_goes(timed: dict) -> None:
    """On a live engine: the engine's own time, the round trips and the engine's CPU per match."""
    calls, ping, e_match = timed["calls"], timed["ping"], timed["e_match"]
    lat_np, lat_pn = timed["lat_np"], timed["lat_pn"]
    if calls is not None and calls.http:
        matches = len(lat_np) + len(lat_pn)
        print(
            f"  where a match's time goes (both directions, p50): "
            f"engine took {statistics.median(calls.took):.2f} ms, "
            f"candidate search round trip (client + network + engine) {statistics.median(calls.http):.2f} ms, "
            f"smallest request's round trip (client + loopback + HTTP layer) {ping:.2f} ms, "
            f"whole match {statistics.median(lat_np + lat_pn):.2f} ms; "
            f"{calls.requests / matches:.1f} requests per match taking "
            f"{calls.request_ms / matches:.2f} ms on average; "
            f"engine CPU {e_match:.2f} ms per match (all its threads)",
            flush=True,
        )


def run_engine(engine, backend, n, n_needs, needs, projects, queries, t_feat) -> dict:
    print(f"-- {engine} --", flush=True)
    live = engine != "embedded"
    t_index, size = _index_timed(engine, backend, needs, projects, t_feat)
    docs = len(needs) + len(projects)
    timed = _matches_timed(backend, needs, projects, queries, live)
    lat_np, lat_pn, cpu_np, cpu_pn = timed["lat_np"], timed["lat_pn"], timed["cpu_np"], timed["cpu_pn"]
    returned = timed["returned"]
    result = {
        "engine": engine,
        "n": n,
        "needs": n_needs,
        "index_docs_per_s": docs / t_index,
        "index_with_features_docs_per_s": docs / (t_index + t_feat),
        "index_mib": size / 2**20,
        "need_to_project_p50": statistics.median(lat_np),
        "need_to_project_p95": pct(lat_np, 95),
        "project_to_need_p50": statistics.median(lat_pn),
        "project_to_need_p95": pct(lat_pn, 95),
        "peak_mib": peak_mb(),
        "avg_results": returned / max(1, len(lat_np)),
        "cpu_np_p50": statistics.median(cpu_np),
        "cpu_np_p95": pct(cpu_np, 95),
        "cpu_pn_p50": statistics.median(cpu_pn),
        "cpu_pn_p95": pct(cpu_pn, 95),
    }
    print(
        f"match need→project p50 {result['need_to_project_p50']:.2f} ms, p95 {result['need_to_project_p95']:.2f} ms "
        f"(avg {result['avg_results']:.1f} results); project→need p50 {result['project_to_need_p50']:.2f} ms, "
        f"p95 {result['project_to_need_p95']:.2f} ms; peak memory {result['peak_mib']:,.0f} MiB",
        flush=True,
    )
    print(
        f"  CPU time per match (excludes waiting for a busy CPU): need→project p50 {result['cpu_np_p50']:.2f} ms, "
        f"p95 {result['cpu_np_p95']:.2f} ms; project→need p50 {result['cpu_pn_p50']:.2f} ms, "
        f"p95 {result['cpu_pn_p95']:.2f} ms; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    _print_where_time_goes(timed)
    found = {q: backend.search("need", q).total for q in QUERIES}
    print(f"{engine} hits per query at this size: " + ", ".join(f"{q} {c:,}" for q, c in found.items()))
    return result


def _queries_compared(wagtail, embedded) -> tuple[list, list, list]:
    """Each query through both backends: rows (query, titles containing it, Wagtail's hits, the embedded
    engine's hits) and the latencies of each backend in ms."""
    from matching.models import NeedPage

    rows, wt_ms, em_ms = [], [], []
    for q in QUERIES:
        t = time.perf_counter()
        w = len(list(wagtail.search(q, NeedPage)[:1000]))
        wt_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        e = embedded.search("need", q, per_page=100).total
        em_ms.append((time.perf_counter() - t) * 1000)
        expected = NeedPage.objects.filter(title__contains=q).count()
        rows.append((q, expected, w, e))
    return rows, wt_ms, em_ms


def wagtail_comparison(k: int) -> dict:
    """The same Chinese queries through Wagtail's database backend and the embedded engine over the
    same ``k`` needs, created as real need pages in a temporary database."""
    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend as wagtail_backend

    from matching.models import Region
    from matching.services.needs import NeedFields, need_create
    from search import outbox
    from search.backends.embedded import EmbeddedBackend

    print(f"\n== Wagtail database search vs embedded, {k:,} need pages ==", flush=True)
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_regions", verbosity=0)
    print(f"database ready in {time.perf_counter() - t0:.0f}s", flush=True)
    outbox._schedule_drain = lambda: None  # the bench indexes explicitly below
    needs, _ = generate(k, seed=23)
    regions = {r.code: r for r in Region.objects.filter(code__in={d["region"] for d in needs})}
    t0 = time.perf_counter()
    for d in needs:
        need_create(
            county=regions[d["region"]],
            ref=d["ref"],
            fields=NeedFields(title=d["title"], description=f"<p>{d['description']}</p>", categories=d["categories"]),
        )
    print(f"created {k:,} need pages in {time.perf_counter() - t0:.0f}s", flush=True)
    from search.document_source import DocumentSource
    from search.documents import indexable_queryset

    embedded = EmbeddedBackend({"PATH": str(TMP / "compare-index")})
    t0 = time.perf_counter()
    embedded.rebuild("need", DocumentSource("need"))
    took = time.perf_counter() - t0
    print(
        f"rebuild from the database (documents built from {indexable_queryset('need').count():,} need pages, "
        f"features included): {took:.1f}s, {k / took:,.0f} docs/s",
        flush=True,
    )
    rows, wt_ms, em_ms = _queries_compared(wagtail_backend("default"), embedded)
    print(f"{'query':<8} {'titles containing':>18} {'wagtail db':>11} {'embedded':>9}")
    for q, expected, w, e in rows:
        print(f"{q:<8} {expected:>18} {w:>11} {e:>9}")
    wt_found = sum(1 for _q, x, w, _e in rows if x and w)
    em_found = sum(1 for _q, x, _w, e in rows if x and e)
    with_hits = sum(1 for _q, x, _w, _e in rows if x)
    ratio = statistics.median(wt_ms) / statistics.median(em_ms)
    print(
        f"queries found: wagtail db {wt_found}/{with_hits}, embedded {em_found}/{with_hits}; median latency "
        f"wagtail {statistics.median(wt_ms):.2f} ms, embedded {statistics.median(em_ms):.2f} ms (ratio {ratio:.1f}×)"
    )
    return {"wagtail_found": wt_found, "embedded_found": em_found, "queries": with_hits, "ratio": ratio}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated numbers of projects")
    ap.add_argument("--needs", type=int, default=100_000, help="needs at every size (0 = as many as projects)")
    ap.add_argument("--queries", type=int, default=300, help="matches timed per direction")
    ap.add_argument("--wagtail-docs", type=int, default=1000, help="need pages for the Wagtail comparison (0 = skip)")
    ap.add_argument("--engine", default="embedded", help="comma-separated: embedded, elasticsearch")
    a = ap.parse_args(argv)
    engines = [e for e in a.engine.split(",") if e]
    if set(engines) - {"embedded", "elasticsearch"}:
        ap.error("--engine takes embedded and/or elasticsearch")
    if "elasticsearch" in engines and not os.environ.get("ELASTICSEARCH_URL"):
        ap.error("--engine elasticsearch needs ELASTICSEARCH_URL (scripts/elasticsearch.sh start)")
    import django

    django.setup()
    print(f"engines {', '.join(engines)}; {os.cpu_count()} CPUs; reference date {TODAY}")
    for n in [int(s) for s in a.sizes.split(",") if s]:
        run_size(n, a.queries, a.needs or n, engines)
    if a.wagtail_docs:
        wagtail_comparison(a.wagtail_docs)
    print(f"\npeak memory (whole run) {peak_mb():,.0f} MiB")


if __name__ == "__main__":
    main()
