#!/usr/bin/env python3
"""Compiles sources one by one, directly or through a build engine.

  build_with.py ENGINE DIR COMPILER [FLAGS...] -- SOURCE...

ENGINE is one of:
  plain   COMPILER FLAGS -c DIR/SOURCE -o DIR/SOURCE.o
  ccache  the same through ccache; the cache lives in DIR/../ccache-store
          (set CCACHE_DIR to choose), and the script prints ccache's hits
          and misses for these compiles
  distcc  the same through distcc to a distccd this script starts on a free
          port of 127.0.0.1 (no local fallback) and stops afterwards; it
          checks from the daemon's log that every unit was compiled there
Exits non-zero when a compile fails or was not done where it should be.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time


def compile_all(prefix, compiler, flags, directory, sources, env):
    for source in sources:
        path = os.path.join(directory, source)
        r = subprocess.run(prefix + [compiler] + flags + ["-c", path, "-o", path + ".o"],
                           cwd=directory, env=env, capture_output=True, text=True)
        sys.stderr.write(r.stderr)
        if r.returncode != 0:
            sys.exit("build_with.py: %s failed" % source)


def ccache_stats(env):
    r = subprocess.run(["ccache", "--print-stats"], env=env, capture_output=True, text=True)
    stats = dict(line.split("\t") for line in r.stdout.splitlines() if "\t" in line)
    return {k: int(v) for k, v in stats.items() if v.isdigit()}


def with_ccache(compiler, flags, directory, sources):
    env = dict(os.environ)
    env.setdefault("CCACHE_DIR", os.path.join(os.path.dirname(directory), "ccache-store"))
    before = ccache_stats(env)
    compile_all(["ccache"], compiler, flags, directory, sources, env)
    after = ccache_stats(env)
    for key in ("direct_cache_hit", "preprocessed_cache_hit", "cache_miss"):
        print("%s %d" % (key, after.get(key, 0) - before.get(key, 0)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, daemon):
    for _ in range(100):
        if daemon.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def with_distcc(compiler, flags, directory, sources):
    # Beside the build, not in TMPDIR: lit makes that private to this user.
    state = tempfile.mkdtemp(prefix="distcc-", dir=os.path.dirname(directory))
    os.chmod(state, 0o777)
    port = free_port()
    log_path = os.path.join(state, "distccd.log")
    with open(log_path, "w") as log:
        # --enable-tcp-insecure: accept any compiler name (the daemon's
        # whitelist lives in /usr/lib/distcc, which a test cannot edit).
        # Run as root, distccd drops to an unprivileged user, who must be
        # able to use its temporary directory.
        daemon = subprocess.Popen(
            ["distccd", "--daemon", "--no-detach", "--allow", "127.0.0.1",
             "--listen", "127.0.0.1", "--port", str(port), "--jobs", "2",
             "--enable-tcp-insecure", "--log-stderr", "--log-level", "info"],
            stderr=log, env=dict(os.environ, TMPDIR=state), cwd=state)
    try:
        if not wait_listening(port, daemon):
            sys.exit("build_with.py: distccd did not start:\n" + open(log_path).read())
        env = dict(os.environ, DISTCC_HOSTS="127.0.0.1:%d/2" % port,
                   DISTCC_DIR=state, DISTCC_FALLBACK="0", DISTCC_BACKOFF_PERIOD="0")
        compile_all(["distcc"], compiler, flags, directory, sources, env)
        # The daemon logs a job after sending its result back.
        for _ in range(100):
            if open(log_path).read().count("COMPILE_OK") >= len(sources):
                break
            time.sleep(0.05)
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
    done = open(log_path).read().count("COMPILE_OK")
    if done != len(sources):
        sys.exit("build_with.py: distccd compiled %d of %d units:\n%s" %
                 (done, len(sources), open(log_path).read()))
    print("distccd compiled %d units" % done)


def main(argv):
    if "--" not in argv or len(argv) < 5 or argv[0] not in ("plain", "ccache", "distcc"):
        sys.exit(__doc__)
    split = argv.index("--")
    engine, directory, compiler, flags = argv[0], os.path.abspath(argv[1]), argv[2], argv[3:split]
    sources = argv[split + 1:]
    if engine == "plain":
        compile_all([], compiler, flags, directory, sources, dict(os.environ))
    elif engine == "ccache":
        with_ccache(compiler, flags, directory, sources)
    else:
        with_distcc(compiler, flags, directory, sources)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
