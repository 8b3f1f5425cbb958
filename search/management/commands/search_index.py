"""manage.py search_index rebuild|sync|status [--kind KIND]

rebuild: build new versioned indexes from the database and swap them in (search keeps answering);
sync: drain the indexing outbox; status: the backend's health and the outbox backlog."""

from django.core.management.base import BaseCommand, CommandError

from search.backends.base import KINDS, SearchUnavailable, get_search_backend


class Command(BaseCommand):
    help = "搜索索引：重建（rebuild）、同步（sync）、状态（status）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync", "status"])
        parser.add_argument("--kind", choices=KINDS, action="append", help="只处理该类型（可重复）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, action, kind, no_progress, **options):
        try:
            getattr(self, f"do_{action}")(kind or list(KINDS), not no_progress)
        except SearchUnavailable as exc:
            raise CommandError(str(exc)) from None

    def do_rebuild(self, kinds, progress):
        from tqdm import tqdm

        from search.document_source import DocumentSource

        backend = get_search_backend()
        for kind in kinds:
            source = DocumentSource(kind)
            total = len(source)
            with tqdm(total=total, desc=f"重建 {kind}", unit="条", disable=not progress, file=self.stderr._out) as bar:
                version = backend.rebuild(kind, source, progress=bar.update)
            self.stdout.write(f"{kind}: {total} 条，新版本 {version}")
        if backend.supports_percolation:
            from search.standing_profiles.services import iter_profile_documents

            count = backend.profiles_rebuild(iter_profile_documents())
            self.stdout.write(f"关注条件（percolator）：{count} 条")

    def do_sync(self, kinds, progress):
        from search.outbox import outbox_drain

        result = outbox_drain(max_batches=10_000)
        self.stdout.write(f"已同步 {result['done']} 条，失败 {result['failed']} 条，待处理 {result['pending']} 条")
        if result["failed"]:
            raise CommandError("部分索引更新失败，已保留待重试")

    def do_status(self, kinds, progress):
        from search.outbox import outbox_status

        health = get_search_backend().health()
        state = "正常" if health["ok"] else f"不可用：{health['error']}"
        self.stdout.write(f"搜索后端 {health['backend']}：{state}")
        for kind, info in health.get("indexes", {}).items():
            if kind in kinds:
                self.stdout.write(f"  {kind}: {info.get('docs')} 条（{info.get('version')}）")
        backlog = outbox_status()
        self.stdout.write(f"待索引 {backlog['pending']} 条，其中重试中 {backlog['failing']} 条")
        if not health["ok"]:
            raise CommandError(state)
