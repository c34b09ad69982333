"""`make bench`: every page's throughput beside a bare Django view's, served the same way in the same run.

On an empty PostgreSQL database (`make bench` starts a throwaway one), with the production settings:
migrate, load the demo, seed a tenth of the scale and count each page's SQL queries, seed up to the
scale and count again, then serve with gunicorn and load each page with wrk, once with the database
cache and, when `redis-server` is installed, once with Redis. Prints one JSON object and writes it
to bench/results.json (or --out). Exits non-zero if the report lacks a key or a page answered errors.

    python -m bench.run [--scale 1] [--duration 5] [--warmup 1] [--no-redis] [--out bench/results.json]
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
CEILING_PATH = "/bench/ok/"
# The same as probe_pages.SIGNED_IN (tests/test_bench.py holds them equal): this module runs without Django.
SIGNED_IN = {
    "dashboard",
    "action_log_signed_in",
    "import_minutes",
    "group_members",
    "record_register",
    "record_check",
    "analysis",
}
PUBLIC_TARGET, SIGN_IN_TARGET, SIGNED_IN_TARGET = 0.5, 0.3, 0.15
TARGETS = {
    **dict.fromkeys(["home", "partnerships", "group", "meeting", "terms", "content"], PUBLIC_TARGET),
    **dict.fromkeys(["action_log", "action", "priority", "pledge", "scorecard"], PUBLIC_TARGET),
    **dict.fromkeys(["indicator", "milestone"], PUBLIC_TARGET),
    "consultation": PUBLIC_TARGET,
    # The group's chairs read 100,000 responses' figures here, rendered for every request.
    "analysis": SIGNED_IN_TARGET,
    "login": SIGN_IN_TARGET,
    "dashboard": SIGNED_IN_TARGET,
    # The group's action log as its chair reads it: rendered for the person, not the anonymous copy.
    "action_log_signed_in": SIGNED_IN_TARGET,
    "import_minutes": SIGNED_IN_TARGET,
    "group_members": SIGNED_IN_TARGET,
    "record_register": SIGNED_IN_TARGET,
    "record_check": SIGNED_IN_TARGET,
    # Anonymous, but rendered for every request: no search result is ever cached.
    "search": SIGNED_IN_TARGET,
}
PAGES = list(TARGETS)
REPORT_KEYS = ["ceiling_rps", "cache", "pages", "seed_seconds"]
PAGE_KEYS = ["rps", "p50_ms", "p99_ms", "ratio", "queries_small", "queries_large"]
# Absolute limits at scale 1 for one request each (bench_consultation), not ratios: the analysis of
# 100,000 responses within a second; their CSV export within ten seconds and 150 MB of memory.
INDICATOR_FILE = "dfe_absence_nat_reg_la_200607_201819.csv"
ANALYSIS_EXPORT_TARGETS = {"analysis_seconds": 1.0, "export_seconds": 10.0, "export_peak_mb": 150.0}


def main(argv=None):
    args = parse_args(argv)
    report = run(args)
    text = json.dumps(report, indent=2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n")
    print(text)
    problems = missing_keys(report) + pages_with_errors(report)
    for problem in problems:
        say(f"FAILED: {problem}")
    return 1 if problems else 0


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="data volume; queries are also counted at a tenth")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of load per page before measuring (0: none)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--no-redis", action="store_true", help="measure the database cache only")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    return parser.parse_args(argv)


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# The run


def run(args):
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="portal-bench-")))
        environments = {"database": bench_environment(workdir)}
        if wants_redis(args):
            environments["redis"] = {**environments["database"], "REDIS_URL": stack.enter_context(redis(workdir))}
        prepare_site(environments["database"])
        indicator_import = measure_indicator_import(environments["database"])
        seeding, probes = {}, {}
        for size, scale in (("small", args.scale / 10), ("large", args.scale)):
            seeding[size] = seed(environments["database"], scale)
            probes[size] = {cache: probe(env, workdir / f"{size}-{cache}.json") for cache, env in environments.items()}
        legs = {
            cache: measure(env, probes["small"][cache], probes["large"][cache], args)
            for cache, env in environments.items()
        }
        analysis_and_export = measure_analysis_and_export(environments["database"])
    report = assemble(legs, seeding, probes["large"]["database"]["paths"], args)
    report["analysis_and_export"] = analysis_and_export
    report["indicator_import"] = indicator_import
    return report


def bench_environment(workdir):
    """Production settings, with what production takes from its environment set for one loopback run."""
    database_url = os.environ.get("DATABASE_URL", "")
    refuse_unless_empty_postgres(database_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        # Plain http on loopback: production's redirect to https would answer every request with a 301.
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    return env


def refuse_unless_empty_postgres(database_url):
    """Seeding adds thousands of records: never to a database someone uses."""
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("The benchmark runs on PostgreSQL: use `make bench`, which starts a throwaway server.")
    with psycopg.connect(database_url) as connection:
        tables = connection.execute("select count(*) from pg_tables where schemaname = 'public'").fetchone()[0]
    if tables:
        sys.exit("DATABASE_URL's database already has tables: the benchmark only seeds an empty, throwaway one.")


def manage(env, *arguments):
    say("manage.py " + " ".join(arguments))
    result = subprocess.run(  # noqa: S603 - our own manage.py, with arguments we wrote
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit(f"manage.py {arguments[0]} failed.")
    return result.stdout


def prepare_site(env):
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def seed(env, scale):
    output = manage(env, "seed_volume", "--scale", f"{scale:g}")
    seconds = float(re.search(r"Seeding took ([\d.]+) s", output).group(1))
    say(f"seeded scale {scale:g} in {seconds:.1f} s")
    # Seeding leaves the search index behind; the site search is measured against everything seeded.
    manage(env, "update_index")
    return {"scale": scale, "seconds": seconds}


def probe(env, out):
    manage(env, "probe_pages", str(out))
    return json.loads(out.read_text())


def measure_indicator_import(env):
    """DfE's 8,400-row annual absence file imported into the fresh database, timed as an admin would run it:
    the whole command, Django's start-up included."""
    path = ROOT.parent / "shared" / "data" / INDICATOR_FILE
    if not path.is_file():
        say(f"{path} is not there: the indicator import is not timed")
        return {"file": INDICATOR_FILE, "measured": False}
    started = time.monotonic()
    outcome = json.loads(manage(env, "import_indicators", str(path), "--json").splitlines()[-1])
    seconds = round(time.monotonic() - started, 2)
    say(f"imported {outcome['rows_read']} rows of {INDICATOR_FILE} in {seconds} s")
    keys = ("rows_read", "observations_created", "areas_created")
    return {"file": INDICATOR_FILE, "measured": True, "seconds": seconds, **{key: outcome[key] for key in keys}}


def measure_analysis_and_export(env):
    """One analysis request and one CSV export of every seeded response, each in a fresh process so its
    peak memory is that request's, against ANALYSIS_EXPORT_TARGETS."""
    analysis, export = one_request(env, "analysis"), one_request(env, "export")
    figures = {
        "responses": export["responses"],
        "analysis_seconds": analysis["seconds"],
        "analysis_peak_mb": analysis["peak_mb"],
        "export_seconds": export["seconds"],
        "export_peak_mb": export["peak_mb"],
        "export_added_mb": round(export["peak_mb"] - export["before_mb"], 1),
        "export_mb": round(export["bytes"] / 1_000_000, 1),
        "targets": ANALYSIS_EXPORT_TARGETS,
    }
    figures["meets_targets"] = all(figures[key] <= limit for key, limit in ANALYSIS_EXPORT_TARGETS.items())
    say(f"analysis {analysis['seconds']} s; CSV export {export['seconds']} s, peak {export['peak_mb']} MB")
    return figures


def one_request(env, page):
    return json.loads(manage(env, "bench_consultation", page).splitlines()[-1])


# Services on loopback


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wants_redis(args):
    if args.no_redis:
        return False
    if shutil.which("redis-server") is None:
        say("redis-server is not installed: measuring the database cache only")
        return False
    return True


@contextmanager
def redis(workdir):
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with serving(command + ["--dir", str(workdir)], port, env=None, log=subprocess.DEVNULL):
        yield f"redis://127.0.0.1:{port}/0"


@contextmanager
def gunicorn(env, workers):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    # No control socket: it lives at one path per user, which a second gunicorn on the machine would take.
    # --preload imports the site once, before the workers start, so no worker's first request pays for it.
    options = ["--workers", str(workers), "--no-control-socket", "--preload"]
    with serving(command + options, port, env=env, log=None):
        yield port


@contextmanager
def serving(command, port, env, log):
    say("starting " + " ".join(command[:4]))
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603 - fixed commands
    try:
        wait_for_port(port, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{process.args[0]} stopped before it listened on port {port}.")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit(f"Nothing listened on port {port} within {seconds} s.")


# Load


def measure(env, small, large, args):
    """One cache: the ceiling before and after every page, all from one warmed-up gunicorn."""
    cache = "redis" if "REDIS_URL" in env else "database"
    say(f"measuring with the {cache} cache")
    targets = {name: (large["paths"][name], cookie_for(name, large)) for name in PAGES}
    with gunicorn(env, args.workers) as port:
        # Each page is warmed just before it is measured: a copy stored at the start of the run would have
        # expired (PERSONAL_CACHE_SECONDS, PAGE_CACHE_SECONDS) by the time a later page's turn came.
        warm_up(port, [(CEILING_PATH, None)], args)
        before = load(port, CEILING_PATH, None, args)
        pages = {}
        for name in PAGES:
            warm_up(port, [targets[name]], args)
            pages[name] = load(port, *targets[name], args)
        after = load(port, CEILING_PATH, None, args)
    ceiling = {key: round((before[key] + after[key]) / 2, 3) for key in ("rps", "p50_ms", "p99_ms")}
    return {
        "ceiling_rps": ceiling["rps"],
        "ceiling_p50_ms": ceiling["p50_ms"],
        "ceiling_p99_ms": ceiling["p99_ms"],
        "ceiling_rps_before_pages": before["rps"],
        "ceiling_rps_after_pages": after["rps"],
        "ceiling_queries": large["ceiling_queries"],
        "cache": cache,
        "pages": {name: page_report(name, pages[name], ceiling, small, large) for name in PAGES},
    }


def cookie_for(name, probed):
    return probed["cookie"] if name in SIGNED_IN else None


def warm_up(port, targets, args):
    """Every address answers 200, then takes load for a moment, so no measurement meets a cold worker."""
    for path, cookie in targets:
        status = status_of(port, path, cookie)
        if status != 200:
            sys.exit(f"{path} answered {status}, not 200: nothing worth measuring.")
        if args.warmup:
            wrk(port, path, cookie, args, args.warmup)


def load(port, path, cookie, args):
    measured = wrk(port, path, cookie, args, args.duration)
    say(f"{path}: {measured['rps']:.0f} req/s, p50 {measured['p50_ms']} ms, p99 {measured['p99_ms']} ms")
    return measured


def status_of(port, path, cookie):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    status = connection.getresponse().status
    connection.close()
    return status


def wrk(port, path, cookie, args, seconds):
    # A generous timeout: the analysis of 100,000 responses queues for seconds at 8 connections, and
    # wrk's default (2 s) would drop those requests rather than time them.
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency", "--timeout", "20s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    result = subprocess.run(  # noqa: S603 - wrk against our own loopback server
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    )
    return parse_wrk(result.stdout)


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_wrk(output):
    """Requests per second, median and 99th percentile latency, and any error responses, from `wrk --latency`."""

    def latency(percentile):
        value, unit = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M).groups()
        return round(float(value) * UNIT_MS[unit], 3)

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "error_responses": int(errors.group(1)) if errors else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


# The report


def page_report(name, measured, ceiling, small, large):
    ratio = round(measured["rps"] / ceiling["rps"], 3) if ceiling["rps"] else 0.0
    return {
        **{key: measured[key] for key in ("rps", "p50_ms", "p99_ms")},
        "ratio": ratio,
        "queries_small": small["queries"][name],
        "queries_large": large["queries"][name],
        "render_ms_small": small["render_ms"][name],
        "render_ms_large": large["render_ms"][name],
        "target_ratio": TARGETS[name],
        "meets_target": ratio >= TARGETS[name],
        **{key: measured[key] for key in ("requests", "error_responses", "socket_errors")},
    }


def assemble(legs, seeding, paths, args):
    """The database cache's figures at the top level, Redis's (when measured) under "redis", in the same shape."""
    seed_seconds = round(seeding["small"]["seconds"] + seeding["large"]["seconds"], 1)
    report = {**legs["database"], "seed_seconds": seed_seconds}
    if "redis" in legs:
        report["redis"] = {**legs["redis"], "seed_seconds": seed_seconds}
    report["run"] = {
        "scale_small": seeding["small"]["scale"],
        "scale_large": seeding["large"]["scale"],
        "seed_seconds_small": seeding["small"]["seconds"],
        "seed_seconds_large": seeding["large"]["seconds"],
        "load": f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency --timeout 20s, "
        f"{args.warmup} s warm-up",
        "gunicorn_workers": args.workers,
        "cpus": os.cpu_count(),
        "paths": paths,
    }
    return report


def missing_keys(report):
    """The keys the report promises (others may be added, none renamed), for the top level and "redis"."""
    shapes = [("", report)] + ([("redis.", report["redis"])] if "redis" in report else [])
    missing = []
    for prefix, shape in shapes:
        missing += [f"{prefix}{key}" for key in REPORT_KEYS if key not in shape]
        pages = shape.get("pages", {})
        missing += [f"{prefix}pages.{name}" for name in PAGES if name not in pages]
        missing += [
            f"{prefix}pages.{name}.{key}"
            for name, page in pages.items()
            if name in PAGES
            for key in PAGE_KEYS
            if key not in page
        ]
    measured_once = report.get("analysis_and_export", {})
    missing += [f"analysis_and_export.{key}" for key in ANALYSIS_EXPORT_TARGETS if key not in measured_once]
    return [f"the report lacks {key}" for key in missing]


def pages_with_errors(report):
    shapes = [report] + ([report["redis"]] if "redis" in report else [])
    return [
        f"{name} answered {page['error_responses']} error responses under load ({shape['cache']} cache)"
        for shape in shapes
        for name, page in shape.get("pages", {}).items()
        if page.get("error_responses")
    ]


if __name__ == "__main__":
    sys.exit(main())
