"""Chinese text processing for matching: sentences, their weight, terms and kinds of help.

What a need asks for and what a project offers is said in a few places: the title, a project's
summary, and in a need the sentence that asks (希望…、恳请…、需要…). Other sentences give
background (当地基本情况、村里年轻人外出打工), say who is eligible (已纳入低保) or, in a project,
describe a side activity (此外、同时、配套活动) or administrative facts (服务范围、项目可用资金、
执行期). Those are kept but weighted down, so that words about other groups or problems do not
pull a candidate of another kind of help to the top.

All rules here are about how such texts are written in general (discourse markers, reporting
formulas, the registers of a hotline call, a village WeChat post, a bureau notice, a brochure or a
grant application), not about particular records. Texts are normalised first (``normalise.py``:
simplified characters, half-width forms); spoken fillers and greetings are not words here.
"""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache

from matching.segmentation import segmenter

from .lexicon import ABSORBED_BY, KIND_CATEGORY, KINDS_OF_HELP, WEAK_CUE
from .normalise import differs_in_words, normalise
from .quantities import is_quantity_line

# kind -> ((cue, weight), ...), "~cue" in the lexicon is a weak cue.
_CUES = {
    kind: tuple((cue.lstrip("~"), WEAK_CUE if cue.startswith("~") else 1.0) for cue in cues)
    for kind, (_cat, _label, cues) in KINDS_OF_HELP.items()
}

# Sentence weights.
W_TITLE = 3.0
W_SUMMARY = 2.5
W_ASK = 2.0
W_BODY = 1.0
W_BACKGROUND = 0.3
W_SIDE = 0.3
W_ELIGIBILITY = 0.1
W_ADMIN = 0.1

_SENTENCE_SPLIT = re.compile(r"[。！？!?；;\n]+")

# A need's request: the sentence that says what is wanted.
_ASK = re.compile(
    r"希望|恳请|盼望|期盼|急需|亟需|请求|呼吁|求助|需要|想要|盼|缺少|缺乏|没有钱|拿不出"
    # spoken and written registers: a call (能不能…、想请…), a post (求…、拜托),
    # a notice or an application (现需…、征集…、申请…用于)
    r"|能不能|能否|可否|想请|想找|想让|想办|想建|想学|想给|麻烦|拜托|帮帮|帮忙|搭把手|求|"
    r"现需|征集|申请|拟|用于"
)
# Background about the place, before the actual problem is reported.
_BACKGROUND_START = re.compile(
    r"^(背景|当地基本情况|基本情况|当地情况|近年来|近年|全村|全乡|全镇|当地|村里常住|该村|这里"
    # who is calling or writing (我是…村的协理员)
    r"|我是|我们是|我这边是|我这边|这边是|本人是|本人)"
)
# The reporting formula that ends the background part of a need (…反映：、…发现：、…核实，).
_REPORTING = re.compile(r"(反映|发现|报告|核实|排查|了解到|走访)[：:，,]")
# Who is eligible (救助圈层) rather than what is asked.
_ELIGIBILITY = re.compile(r"(纳入|属于|均为|多为|大多是|大多为|为主|确有困难|陷入困境|刚性支出)")
_ELIGIBILITY_WORDS = re.compile(
    r"低保|特困|低收入|支出型|边缘|困难家庭|突发性|紧急性|低边|监测户|监测对象|脱贫户|易致贫"
)
# A project's side activities.
_SIDE_START = re.compile(
    r"^(此外|另外|同时|配套活动|配套|视资金情况|视情况|兼顾|附带|还将|并将|必要时|有条件的"
    r"|我们也|我们还|也为|还会|还帮|还协助)"
)
# Administrative sentences of a project.
_ADMIN_START = re.compile(
    r"^(服务范围|项目可用资金|可用资金|执行期|实施期|项目周期|现招募|招募|项目配备|本项目由|项目由.{0,20}发起|.{0,30}(联合|依托).{0,20}(开展|实施)本项目|为落实)"
)
_COUNT_START = re.compile(r"^(共涉及|涉及|预计|共有)")

_NUMBER = re.compile(r"^[\d.,%％·]+[万千百亿元名户人口个岁年月日天次]*$")
# Chinese numerals and counted units (八万、十来个、两百、叁拾肆万): amounts, not words.
_CN_NUMBER = re.compile(
    r"^[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟几来多余]+[块元名户人口个位岁年月日天次号]*$"
)
_PLACE_SUFFIX = re.compile(r".+(省|市|州|县|区|乡|镇|村|旗|盟)$")

_STOPWORDS = frozenset(
    """的 了 和 与 及 或 等 在 是 为 对 由 将 把 被 给 向 从 到 以 于 也 都 还 就 又 很 更 最 不 没 有 无
    其 之 这 那 这些 那些 一些 一个 每 各 该 本 我们 他们 她们 它们 大家 自己 可以 能够 需要 希望 恳请
    盼望 进行 开展 提供 实施 组织 项目 服务 帮助 支持 工作 情况 问题 方面 相关 通过 根据 按照 目前
    已经 正在 主要 部分 一定 不少 很多 多数 少数 其中 以及 并且 而且 但是 但 如果 因为 所以 比较 其他
    当地 地区 村里 家里 家庭 群众 村民 困难 约 名 户 人 元 万元 万 年 月 日 共 涉及 预计 缺口 资金
    爱心 社会 力量 机构 组织 单位 志愿者 方面 某村 某乡 某镇 某县 某地 村委会""".split()
    # spoken fillers, greetings and the set phrases of posts and notices
    + """嗯 啊 呃 哦 哎 唉 喂 呀 吧 嘛 呢 那个 这个 就是 就是说 然后 反正 对吧 是吧 怎么说 您好 你好
    谢谢 谢谢您 谢谢大家 好的 麻烦 拜托 各位 大家好 家人们 朋友们 老乡 转发 私信 联系 联系我 报名
    特此公告 特此通知 特此说明 公告 通知 说明 现将 有关 事项 如下 关于 征集 情况说明 需求 求助 左右
    大概 差不多 来块钱 块钱 块
    我们 你们 咱们 这边 那边 一下 一些 好多 真的 实在""".split()
)

_CUE_WORDS = tuple(sorted({cue for cues in _CUES.values() for cue, _w in cues if len(cue) >= 2}))


@lru_cache(maxsize=1)
def _tokenizer():
    """A segmenter of its own (not the search index's), with the lexicon's cues added as words
    so they survive segmentation."""
    return segmenter(_CUE_WORDS)


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """General-corpus IDF shipped with jieba (``jieba/analyse/idf.txt``): independent of our own
    collection, so a document's term weights can be computed once at indexing time."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt")
    table: dict[str, float] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, _, value = line.rstrip("\n").partition(" ")
            if value:
                table[word] = float(value)
    median = sorted(table.values())[len(table) // 2]
    return table, median


def split_sentences(text: str) -> list[str]:
    return [s.strip(" ，,：:\t") for s in _SENTENCE_SPLIT.split(text or "") if s.strip(" ，,：:\t")]


def need_sentences(need: dict) -> list[tuple[str, float]]:
    """(sentence, weight) pairs of a need (normalised text): title, then the description by role."""
    out = [(normalise(need.get("title") or ""), W_TITLE)]
    sentences = split_sentences(normalise(need.get("description") or ""))
    # Everything before the reporting formula is background, if the formula is there.
    reported_at = next((i for i, s in enumerate(sentences) if _REPORTING.search(s)), None)
    for i, s in enumerate(sentences):
        if reported_at is not None and i < reported_at:
            w = W_BACKGROUND
        elif reported_at is not None and i == reported_at:
            # Keep only what follows the formula (村委会反映：<problem>).
            m = _REPORTING.search(s)
            s = s[m.end() :]
            w = W_BODY
        elif _BACKGROUND_START.search(s) and not _ASK.search(s):
            w = W_BACKGROUND
        elif _ELIGIBILITY_WORDS.search(s) and _ELIGIBILITY.search(s) and not _ASK.search(s):
            w = W_ELIGIBILITY
        elif _COUNT_START.search(s):
            w = W_BODY
        elif _ASK.search(s):
            w = W_ASK
        else:
            w = W_BODY
        if s:
            out.append((s, w))
    return out


def project_sentences(project: dict) -> list[tuple[str, float]]:
    """(sentence, weight) pairs of a project (normalised text): title, summary, then the
    description by role."""
    out = [(normalise(project.get("title") or ""), W_TITLE), (normalise(project.get("summary") or ""), W_SUMMARY)]
    for s in split_sentences(normalise(project.get("description") or "")):
        if _ADMIN_START.search(s) or is_quantity_line(s):
            w = W_ADMIN
        elif _SIDE_START.search(s):
            w = W_SIDE
        else:
            w = W_BODY
        out.append((s, w))
    return out


@lru_cache(maxsize=500_000)  # the vocabulary is bounded: decide each distinct word once
def _is_content_word(word: str) -> bool:
    word = word.strip()
    if len(word) < 2 or word in _STOPWORDS or _NUMBER.match(word) or _CN_NUMBER.match(word):
        return False
    if not any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in word):
        return False
    return not (_PLACE_SUFFIX.match(word) and len(word) >= 3)


def tokens(text: str) -> list[str]:
    """Content words of ``text``: jieba segmentation minus stop words, numbers, punctuation and
    place names (nearness is a signal of its own, not a text match)."""
    return [word.strip() for word in _tokenizer().cut(text) if _is_content_word(word)]


def term_vector(weighted_sentences, *, max_terms: int = 40) -> dict[str, float]:
    """L2-normalised TF-IDF vector, term frequencies weighted by the sentence weight and
    dampened (1 + log) so that one repeated word does not dominate."""
    idf, default_idf = _idf()
    tf: dict[str, float] = {}
    for sentence, weight in weighted_sentences:
        for word in tokens(sentence):
            tf[word] = tf.get(word, 0.0) + weight
    vec = {w: (1.0 + math.log1p(f)) * idf.get(w, default_idf) for w, f in tf.items()}
    top = sorted(vec.items(), key=lambda kv: -kv[1])[:max_terms]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: round(v / norm, 4) for w, v in top}


@lru_cache(maxsize=1)
def _cue_automaton():
    """Every cue of the lexicon in one Aho-Corasick automaton: one pass over a sentence finds all
    cues it contains (overlapping ones included), instead of one substring test per cue."""
    import ahocorasick

    entries: dict[str, list[tuple[str, float]]] = {}
    for kind, cues in _CUES.items():
        for cue, cue_weight in cues:
            entries.setdefault(cue, []).append((kind, cue_weight))
    automaton = ahocorasick.Automaton()
    for cue, kinds in entries.items():
        automaton.add_word(cue, (cue, tuple(kinds)))
    automaton.make_automaton()
    return automaton


_KIND_ORDER = {kind: i for i, kind in enumerate(_CUES)}


def kinds_of_help(weighted_sentences, evidence: dict | None = None) -> dict[str, float]:
    """L2-normalised vector over the lexicon's kinds of help: per sentence, the distinct cues
    found (weak cues count ``WEAK_CUE``, at most 3 per sentence) times the sentence weight.
    ``evidence``, if given, receives kind → {cue: (cue weight, sentence weight)}: what was found."""
    automaton = _cue_automaton()
    raw: dict[str, float] = {}
    for sentence, weight in weighted_sentences:
        if not sentence:
            continue
        found = {entry for _end, entry in automaton.iter(sentence)}  # distinct cues
        hits: dict[str, float] = {}
        strong = set()
        for cue, kinds in found:
            for kind, cue_weight in kinds:
                hits[kind] = hits.get(kind, 0.0) + cue_weight
                if cue_weight == 1.0:
                    strong.add(kind)
                if evidence is not None:
                    best = evidence.setdefault(kind, {}).get(cue, (0.0, 0.0))
                    evidence[kind][cue] = max(best, (cue_weight, weight))
        for absorbed, hosts in ABSORBED_BY.items():
            if absorbed in hits:
                host = next((h for h in hosts if h in strong), None)
                if host:  # 敬老院屋顶漏水: the repair is the 敬老院's
                    hits[host] += hits.pop(absorbed)
        for kind in sorted(hits, key=_KIND_ORDER.__getitem__):
            raw[kind] = raw.get(kind, 0.0) + weight * min(hits[kind], 3.0)
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {k: round(v / norm, 4) for k, v in sorted(raw.items(), key=lambda kv: -kv[1]) if v / norm >= 0.02}


def categories_from_kinds(kinds: dict[str, float]) -> dict[str, float]:
    """The categories the text is about, from its kinds of help (L2-normalised)."""
    raw: dict[str, float] = {}
    for kind, weight in kinds.items():
        cat = KIND_CATEGORY[kind]
        raw[cat] = raw.get(cat, 0.0) + weight
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {c: round(v / norm, 4) for c, v in raw.items()}


LABEL_WEIGHT = 0.5


def blend_categories(text_cats: dict[str, float], labels) -> dict[str, float]:
    """Category vector from the text's categories and the labelled ones (labels are noisy, so
    they count ``LABEL_WEIGHT`` of a clear text signal), L2-normalised."""
    raw = dict(text_cats)
    for cat in labels:
        raw[cat] = raw.get(cat, 0.0) + LABEL_WEIGHT
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {c: round(v / norm, 4) for c, v in raw.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two L2-normalised sparse vectors."""
    if not a or not b:
        return 0.0
    # Set intersection runs in C; only the few shared keys are visited in Python.
    return sum([a[k] * b[k] for k in a.keys() & b.keys()])


def cue_quotes(
    originals: list[str],
    normalised: list[str],
    kinds: dict[str, float],
    evidence: dict[str, dict[str, tuple[float, float]]],
    *,
    per_kind: int = 2,
) -> dict[str, list[str]]:
    """For each kind of help in ``kinds``, up to ``per_kind`` cues that revealed it (``evidence``
    from ``kinds_of_help``: strong cues first, then those of weightier sentences, then longer
    ones), quoted from the original text: ``normalise`` keeps offsets, so the span is the
    writer's own wording."""
    quotes: dict[str, list[str]] = {}
    for kind in kinds:
        ranked = sorted((evidence.get(kind) or {}).items(), key=lambda kv: (-kv[1][0], -kv[1][1], -len(kv[0]), kv[0]))
        chosen: list[str] = []
        for cue, _strength in ranked:
            if any(cue in c for c in chosen):
                continue
            for orig, norm in zip(originals, normalised, strict=False):
                at = norm.find(cue)
                if at >= 0:
                    chosen.append(orig[at : at + len(cue)])
                    break
            if len(chosen) == per_kind:
                break
        if chosen:
            quotes[kind] = chosen
    return quotes


def original_terms(originals: list[str], normalised: list[str], terms: dict[str, float]) -> dict[str, str]:
    """The terms whose wording in the original text differs from the normalised term
    (traditional characters, full-width forms): term → original wording."""
    out = {}
    for orig, norm in zip(originals, normalised, strict=False):
        if not differs_in_words(orig, norm):
            continue
        for term in terms:
            if term not in out:
                at = norm.find(term)
                if at >= 0 and orig[at : at + len(term)] != term:
                    out[term] = orig[at : at + len(term)]
    return out
