#!/usr/bin/env python3
"""End-to-end test runner: runs the built dtrace against the kernel.

Test files are tests/e2e/<area>/<name>.t, made of directives (see README.md
in this folder).  Usage:

    run_e2e.py --dtrace PATH --triggers DIR [-k SUBSTR] [-j N] DIR...
"""
import argparse, os, re, signal, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

BLOCKS = {"STDOUT", "STDERR", "STDOUT-MATCH"}
LINES = {"RUN", "EXIT", "STDOUT-CONTAINS", "STDERR-CONTAINS", "SORTED", "TIMEOUT",
         "SETUP", "CHECK", "SERIAL", "STDOUT-LINES"}
DIRECTIVE = re.compile(r"^([A-Z][A-Z-]*):(?: (.*))?$")


def parse(path):
    t = {"exit": 0, "timeout": 30, "contains": [], "errcontains": [], "sorted": False,
         "serial": False}
    block, buf = None, []

    def flush():
        if block:
            t[block.lower()] = "".join(buf)

    for line in open(path):
        m = DIRECTIVE.match(line.rstrip("\n"))
        if m and (m.group(1) in BLOCKS or m.group(1) in LINES):
            flush()
            block, buf = None, []
            key, val = m.group(1), (m.group(2) or "")
            if key in BLOCKS:
                block = key
            elif key == "RUN": t["run"] = val
            elif key == "EXIT": t["exit"] = int(val)
            elif key == "STDOUT-CONTAINS": t["contains"].append(val)
            elif key == "STDERR-CONTAINS": t["errcontains"].append(val)
            elif key == "SORTED": t["sorted"] = val.strip() == "yes"
            elif key == "TIMEOUT": t["timeout"] = float(val)
            elif key == "SETUP": t["setup"] = val
            elif key == "CHECK": t["check"] = val
            elif key == "SERIAL": t["serial"] = val.strip() == "yes"
            elif key == "STDOUT-LINES": t["nlines"] = int(val)
            continue
        if block:
            buf.append(line)
        elif line.strip() and not line.startswith("#"):
            raise ValueError(f"{path}: text outside a block: {line!r}")
    flush()
    if "run" not in t:
        raise ValueError(f"{path}: no RUN")
    return t


def shell(cmd, env, cwd, timeout):
    p = subprocess.Popen(["bash", "-c", cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env, cwd=cwd, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        return p.returncode, out.decode(errors="replace"), err.decode(errors="replace"), False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        return None, out.decode(errors="replace"), err.decode(errors="replace"), True


def run_one(path, a):
    name = os.path.relpath(path, a.root)
    try:
        t = parse(path)
    except ValueError as e:
        return name, False, str(e)
    env = dict(os.environ, DTRACE=a.dtrace, TRIGGERS=a.triggers)
    cwd = os.path.dirname(path)
    cmd = re.sub(r"^dtrace\b", lambda m: a.dtrace, t["run"])
    cmd = cmd.replace("$TRIGGERS", a.triggers)
    problems = []
    if "setup" in t:
        shell(t["setup"], env, cwd, 30)
    start = time.time()
    rc, out, err, timedout = shell(cmd, env, cwd, t["timeout"])
    secs = time.time() - start
    if timedout:
        problems.append(f"timed out after {t['timeout']} s")
    elif rc != t["exit"]:
        problems.append(f"exit status {rc}, expected {t['exit']}")

    def compare(label, want, got):
        w, g = want.splitlines(), got.splitlines()
        if t["sorted"]:
            w, g = sorted(w), sorted(g)
        if w != g or (not t["sorted"] and want.endswith("\n") != got.endswith("\n") and want):
            import difflib
            diff = "\n".join(difflib.unified_diff(w, g, "expected", "actual", lineterm=""))
            problems.append(f"{label} differs:\n{diff}")

    if "stdout" in t:
        compare("stdout", t["stdout"], out)
    if "stderr" in t:
        compare("stderr", t["stderr"], err)
    if "stdout-match" in t:
        pats = t["stdout-match"].splitlines()
        lines = out.splitlines()
        if len(pats) != len(lines) or any(not re.fullmatch(p, l) for p, l in zip(pats, lines)):
            problems.append("stdout does not match:\n" + "\n".join(pats) + "\n--- got:\n" + out)
    for c in t["contains"]:
        if c not in out:
            problems.append(f"stdout lacks {c!r}")
    for c in t["errcontains"]:
        if c not in err:
            problems.append(f"stderr lacks {c!r}")
    if "nlines" in t and len(out.splitlines()) != t["nlines"]:
        problems.append(f"{len(out.splitlines())} stdout lines, expected {t['nlines']}")
    if "check" in t and not problems:
        crc, cout, cerr, _ = shell(t["check"], env, cwd, 30)
        if crc != 0:
            problems.append(f"CHECK failed: {cout}{cerr}")
    if problems:
        detail = "\n".join(problems) + f"\n--- stdout:\n{out}--- stderr:\n{err}"
        return name, False, detail
    return name, True, f"{secs:.1f}s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dtrace", required=True)
    ap.add_argument("--triggers", required=True)
    ap.add_argument("-k", default="")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()
    a.dtrace = os.path.abspath(a.dtrace)
    a.triggers = os.path.abspath(a.triggers)
    a.root = os.path.abspath(a.dirs[0])
    files = []
    for d in a.dirs:
        for root, _, names in os.walk(d):
            files += [os.path.join(root, n) for n in names if n.endswith(".t")]
    files = sorted(f for f in files if a.k in f)
    serial = [f for f in files if "SERIAL: yes" in open(f).read()]
    parallel = [f for f in files if f not in serial]
    results = []
    with ThreadPoolExecutor(max_workers=a.j) as ex:
        for r in ex.map(lambda f: run_one(f, a), parallel):
            results.append(r)
            print(("PASS " if r[1] else "FAIL ") + r[0], flush=True)
    for f in serial:
        r = run_one(f, a)
        results.append(r)
        print(("PASS " if r[1] else "FAIL ") + r[0], flush=True)
    failed = [r for r in results if not r[1]]
    for name, _, detail in failed:
        print(f"\n=== FAIL {name}\n{detail}")
    print(f"\n{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
