#!/usr/bin/env python3
"""The bookkeeping of bench/run.sh (Python 3 standard library only).

    bench_tool.py lab-env MANIFEST              shell assignments: CA, PASSWORD, PORT_x, PID_x
    bench_tool.py profiles MANIFEST COUNT OUT   a rediscope-profiles/1 file of COUNT profiles
    bench_tool.py cpu PID                      the process's utime+stime so far, in ms
    bench_tool.py compare REDISCOPE_JSON SSLSCAN_XML
                                               MATCH or MISMATCH (and the difference): accepted
                                               protocols and cipher suites; exit 0 either way
    bench_tool.py summary HYPERFINE_JSON       "median min max" in seconds
    bench_tool.py samples FILE                 "median min max" of the numbers in FILE
    bench_tool.py gui GUI_JSON_LINES           shell assignments of the GUI figures
    bench_tool.py fleet-check AUDIT_JSON       one line: targets audited, with errors
    bench_tool.py row ROWS_FILE KEY=VALUE...   appends a result row (JSON) to ROWS_FILE
    bench_tool.py report ROWS_FILE META_FILE   the markdown of bench/results/latest.md
"""

import json
import os
import shlex
import statistics
import sys
import uuid
import xml.etree.ElementTree as ElementTree

# The environment variable the lab's profiles name for their password (env:VAR).
PASSWORD_VARIABLE = "REDISCOPE_LAB_PASSWORD"

# sslscan's names of the protocol versions, and the probe's.
SSLSCAN_PROTOCOLS = {
    ("ssl", "2"): "SSLv2",
    ("ssl", "3"): "SSLv3",
    ("tls", "1.0"): "TLSv1",
    ("tls", "1.1"): "TLSv1.1",
    ("tls", "1.2"): "TLSv1.2",
    ("tls", "1.3"): "TLSv1.3",
}
SSLSCAN_CIPHER_VERSIONS = {"TLSv1.0": "TLSv1"}


def fail(message):
    print(f"bench_tool: {message}", file=sys.stderr)
    sys.exit(2)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError) as error:
        fail(f"cannot read {path}: {error}")


def lab_env(manifest_path):
    manifest = load_json(manifest_path)
    print(f"CA={manifest['ca_file']}")
    print(f"PASSWORD={manifest['password']}")
    for scenario in manifest["scenarios"]:
        name = scenario["name"].replace("-", "_")
        port = scenario["tls_port"] if scenario["tls"] else scenario["plaintext_port"]
        print(f"PORT_{name}={port}")
        print(f"PID_{name}={scenario['pid']}")


def profiles(manifest_path, count, out_path):
    """COUNT profiles over every scenario of the lab (round robin): services svc-NN, each with
    the environments development, staging and production, like a real fleet's file."""
    manifest = load_json(manifest_path)
    scenarios = manifest["scenarios"]
    if not scenarios:
        fail("the lab runs no scenario")
    environments = ["development", "staging", "production"]
    result = []
    for index in range(count):
        scenario = scenarios[index % len(scenarios)]
        tls = scenario["tls"]
        service = f"svc-{index // len(environments):02d}"
        environment = environments[index % len(environments)]
        profile = {
            "db": 0,
            "environment": environment,
            "expected_server": "redis",
            "host": scenario["host"],
            "id": str(uuid.UUID(int=index + 1)),
            "name": f"{service}-{environment}",
            "notes": f"bench: lab scenario {scenario['name']}",
            "password": {"source": f"env:{PASSWORD_VARIABLE}" if scenario["password"]
                         else "none"},
            "port": scenario["tls_port"] if tls else scenario["plaintext_port"],
            "service": service,
            "tags": ["bench", scenario["name"]],
            "timeout": 5,
            "tls": {"enabled": tls, "min_protocol": "TLSv1.2", "verify_hostname": True,
                    "verify_peer": True},
        }
        if tls:
            profile["tls"]["ca_file"] = manifest["ca_file"]
        if scenario["client_auth"]:
            profile["tls"]["cert_file"] = manifest["client_cert"]
            profile["tls"]["key_file"] = manifest["client_key"]
        result.append(profile)
    document = {"schema": "rediscope-profiles/1", "environments": {}, "profiles": result}
    with open(out_path, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1)


def cpu(pid):
    """utime + stime (all threads) of a process, in milliseconds."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as file:
            fields = file.read().rsplit(")", 1)[1].split()
    except OSError as error:
        fail(f"cannot read the CPU time of process {pid}: {error}")
    ticks = int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5)
    print(round(ticks * 1000 / os.sysconf("SC_CLK_TCK")))


def rediscope_probe(path):
    report = load_json(path)
    targets = report.get("targets") or []
    if len(targets) != 1:
        fail(f"{path}: expected one audited target, found {len(targets)}")
    probe = targets[0].get("probe")
    if not probe:
        fail(f"{path}: the target has no probe (error: {targets[0].get('error')})")
    protocols = {name for name, accepted in probe.get("protocols", {}).items() if accepted}
    ciphers = {(version, suite) for version, suites in probe.get("ciphers", {}).items()
               for suite in suites}
    return protocols, ciphers


def sslscan_probe(path):
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        fail(f"cannot read sslscan's XML {path}: {error}")
    test = root.find("ssltest")
    if test is None:
        error = root.find("error")
        fail(f"sslscan scanned nothing: {error.text if error is not None else 'no ssltest'}")
    protocols = set()
    for element in test.findall("protocol"):
        if element.get("enabled") == "1":
            key = (element.get("type"), element.get("version"))
            protocols.add(SSLSCAN_PROTOCOLS.get(key, f"{key[0]}{key[1]}"))
    ciphers = set()
    for element in test.findall("cipher"):
        if element.get("status") in ("accepted", "preferred"):
            version = element.get("sslversion")
            ciphers.add((SSLSCAN_CIPHER_VERSIONS.get(version, version), element.get("cipher")))
    return protocols, ciphers


def compare(rediscope_path, sslscan_path):
    ours_protocols, ours_ciphers = rediscope_probe(rediscope_path)
    their_protocols, their_ciphers = sslscan_probe(sslscan_path)
    differences = []
    for label, ours, theirs in (("protocols", ours_protocols, their_protocols),
                                ("cipher suites", ours_ciphers, their_ciphers)):
        def show(items):
            return ", ".join(sorted(" ".join(i) if isinstance(i, tuple) else i for i in items))
        if ours - theirs:
            differences.append(f"{label} only Rediscope accepts: {show(ours - theirs)}")
        if theirs - ours:
            differences.append(f"{label} only sslscan accepts: {show(theirs - ours)}")
    summary = (f"{len(ours_protocols)} protocols, {len(ours_ciphers)} protocol/suite pairs")
    if differences:
        print(f"MISMATCH ({summary} for Rediscope, {len(their_protocols)} protocols, "
              f"{len(their_ciphers)} pairs for sslscan): " + "; ".join(differences))
    else:
        print(f"MATCH ({summary})")


def three(values):
    return f"{statistics.median(values):.6f} {min(values):.6f} {max(values):.6f}"


def summary(path):
    result = load_json(path)["results"][0]
    print(three(result["times"]))


def samples(path):
    with open(path, encoding="utf-8") as file:
        values = [float(token) for token in file.read().split()
                  if token.replace(".", "", 1).isdigit()]
    if not values:
        fail(f"no numbers in {path}")
    print(three(values))


def gui(path):
    rounds = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            line = line.strip()
            if line.startswith("{"):
                rounds.append(json.loads(line))
    if not rounds:
        fail(f"no GUI round in {path}")
    for key in ("start_ms", "idle_rss_mb", "max_stall_ms", "stall_at_ms", "p99_stall_ms",
                "audit_ms", "audited", "longest_event_ms"):
        values = [float(r[key]) for r in rounds]
        name = key.upper()
        print(f"{name}_MED={statistics.median(values):.1f} {name}_MIN={min(values):.1f} "
              f"{name}_MAX={max(values):.1f}")
    worst = max(rounds, key=lambda r: float(r["max_stall_ms"]))
    print(f"WORST_ROUND_EVENT={shlex.quote(str(worst.get('longest_event', '?')))}")
    print(f"GUI_PLATFORM={rounds[0].get('platform', '?')}")
    print(f"GUI_ROUNDS={len(rounds)}")


def fleet_check(path):
    report = load_json(path)
    targets = report.get("targets") or []
    errors = [t for t in targets if t.get("error")]
    probed = [t for t in targets if (t.get("probe") or {}).get("complete")]
    plaintext = [t for t in targets if (t.get("endpoint") or {}).get("tls") is False]
    shared = [t for t in probed
              if any(n.startswith("Probed once in this run") for n in t["probe"].get("notes", []))]
    unprobed = len(targets) - len(probed) - len(plaintext)
    codes = {}
    for target in errors:
        error = target["error"]
        code = error.get("code", "?") if isinstance(error, dict) else str(error)
        codes[code] = codes.get(code, 0) + 1
    detail = ", ".join(f"{code} {count}" for code, count in sorted(codes.items()))
    print(f"{len(targets)} targets audited, {len(probed)} with a complete TLS probe "
          f"({len(plaintext)} speak no TLS: nothing to probe; {unprobed} TLS targets without "
          f"a complete probe; {len(probed) - len(shared)} probes ran, one per endpoint, the "
          f"other {len(shared)} targets share them), "
          f"{len(errors)} whose connection failed as their lab scenario intends"
          f"{' (' + detail + ')' if detail else ''}")


def row(rows_path, pairs):
    entry = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            fail(f"row: {pair!r} is not KEY=VALUE")
        entry[key] = value
    with open(rows_path, "a", encoding="utf-8") as file:
        file.write(json.dumps(entry) + "\n")


def report(rows_path, meta_path):
    rows = []
    if os.path.exists(rows_path):
        with open(rows_path, encoding="utf-8") as file:
            rows = [json.loads(line) for line in file if line.strip()]
    meta = []
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as file:
            meta = [line.rstrip("\n") for line in file if line.strip()]
    lines = ["| Benchmark | Rediscope | Peer(s) | Ratio | Target | Met? |",
             "| --- | --- | --- | --- | --- | --- |"]
    for entry in rows:
        cells = [entry.get(key, "—") or "—"
                 for key in ("benchmark", "rediscope", "peers", "ratio", "target", "met")]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    notes = [entry["note"] for entry in rows if entry.get("note")]
    out = ["# Rediscope benchmarks: latest run", ""]
    out += [f"- {line}" for line in meta]
    out += ["", *lines, ""]
    if notes:
        out += ["Details:", ""] + [f"- {note}" for note in notes] + [""]
    print("\n".join(out))


def main():
    if len(sys.argv) < 2:
        fail("usage: see the docstring of bench/bench_tool.py")
    command, arguments = sys.argv[1], sys.argv[2:]
    commands = {
        "lab-env": (lab_env, 1),
        "profiles": (lambda m, c, o: profiles(m, int(c), o), 3),
        "cpu": (cpu, 1),
        "compare": (compare, 2),
        "summary": (summary, 1),
        "samples": (samples, 1),
        "gui": (gui, 1),
        "fleet-check": (fleet_check, 1),
        "report": (report, 2),
    }
    if command == "row":
        if not arguments:
            fail("row needs ROWS_FILE")
        row(arguments[0], arguments[1:])
        return
    if command not in commands:
        fail(f"unknown command {command!r}")
    function, count = commands[command]
    if len(arguments) != count:
        fail(f"{command} takes {count} argument(s)")
    function(*arguments)


if __name__ == "__main__":
    main()
