import signal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from config.celery import app
from config.periodic import entries_from, run_entry, run_forever


class Command(BaseCommand):
    help = (
        "单机运行时按计划执行定期任务（无消息代理时代替 Celery beat）。"
        "Run the periodic tasks of CELERY_BEAT_SCHEDULE in this process, for the one-machine run without a broker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=5.0, help="seconds between looks at the schedule")
        parser.add_argument("--once", action="store_true", help="run every periodic task once now, then stop")

    def handle(self, *args, tick, once, verbosity, **options):
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                "已配置消息代理（CELERY_BROKER_URL）：请运行 celery beat。"
                " A broker is configured (CELERY_BROKER_URL): run celery beat instead."
            )
        if tick <= 0:
            raise CommandError("--tick 必须大于 0。 --tick must be above 0.")
        app.loader.import_default_modules()
        entries = entries_from(settings.CELERY_BEAT_SCHEDULE, now=timezone.now(), app=app)
        if once:
            failed = [e.name for e in entries if not run_entry(e, app, now=timezone.now())]
            if verbosity:
                self.stdout.write(f"定期任务：运行 {len(entries)} 个，失败 {len(failed)} 个 {failed or ''}".rstrip())
            if failed:
                raise CommandError(f"失败的定期任务 / failed periodic tasks: {', '.join(failed)}")
            return
        stop = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.append(True))
        if verbosity:
            names = ", ".join(e.name for e in entries)
            self.stdout.write(f"定期任务运行中 / periodic tasks running: {names}")
        run_forever(entries, app, tick=tick, should_stop=lambda: bool(stop))
