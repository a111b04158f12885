#!/usr/bin/env python3
"""The command lines an example runs, as the tests run them: one record a line,
KIND<TAB>shell-quoted argv (or a plain value), in the order the file gives them.

  commands.py FILE

Dockerfile*  from its last stage: `from IMAGE`, `copy STAGE-WORKDIR/SRC DEST` (COPY --from), `run ARGV`
             (RUN in exec form), `entrypoint ARGV` (ENTRYPOINT + CMD, which must use the JSON
             exec form: with the shell form /bin/sh is PID 1 and signals never reach pid1).
*.yaml *.yml Kubernetes containers (`exec`: command + args), GitHub Actions steps' `run`
             and GitLab CI `script`s (`shell`: each simple command of each line).
*.sh         `shell`: each simple command.
*.toml       `toml KEY=VALUE` for each string setting.
A file that does not parse is an error (exit 1, the reason on stderr)."""
import json
import os
import re
import shlex
import sys


def die(msg):
    sys.stderr.write("commands.py: %s\n" % msg)
    sys.exit(1)


def emit(kind, value):
    if isinstance(value, list):
        value = " ".join(shlex.quote(str(v)) for v in value)
    print("%s\t%s" % (kind, value))


def simple_commands(script):
    """Each simple command of a shell script: split at ; && || | & and line ends (line
    continuations joined); leading VAR=value words and sudo dropped."""
    for line in script.replace("\\\n", " ").splitlines():
        lex = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lex.whitespace_split = True
        lex.commenters = "#"
        cmd = []
        for tok in list(lex) + [";"]:
            if tok in (";", "&&", "||", "|", "&"):
                while cmd and (re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", cmd[0]) or cmd[0] == "sudo"):
                    cmd.pop(0)
                if cmd:
                    yield cmd
                cmd = []
            else:
                cmd.append(tok)


def dockerfile(path):
    text = open(path).read()
    text = re.sub(r"\\\n", " ", re.sub(r"(?m)^\s*#.*\n", "", text))
    stages, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"\s*([A-Za-z]+)\s+(.*)", line)
        if not m:
            continue
        ins, arg = m.group(1).upper(), m.group(2).strip()
        if ins == "FROM":
            name = re.search(r"(?i)\bAS\s+(\S+)", arg)
            cur = {"workdir": "/", "records": [("from", arg.split()[0])], "cmd": None,
                   "entry": None}
            stages[name.group(1) if name else str(len(stages))] = cur
            last = cur
        elif ins == "WORKDIR":
            cur["workdir"] = os.path.join(cur["workdir"], arg)
        elif ins == "COPY":
            words = arg.split()
            src_stage = [w.split("=", 1)[1] for w in words if w.startswith("--from=")]
            words = [w for w in words if not w.startswith("--")]
            if src_stage and len(words) == 2:
                st = stages.get(src_stage[0])
                wd = st["workdir"] if st else "/"
                cur["records"].append(("copy", "%s\t%s" % (os.path.join(wd, words[0]), words[1])))
        elif ins in ("RUN", "ENTRYPOINT", "CMD"):
            exec_form = arg.startswith("[")
            if exec_form:
                try:
                    argv = json.loads(arg)
                except ValueError as e:
                    die("%s: %s %s: not valid JSON: %s" % (path, ins, arg, e))
            if ins == "RUN":
                if exec_form:
                    cur["records"].append(("run", argv))
                continue
            if not exec_form:
                die("%s: %s %s: use the JSON exec form, or /bin/sh becomes PID 1 and "
                    "signals never reach the program" % (path, ins, arg))
            cur["entry" if ins == "ENTRYPOINT" else "cmd"] = argv
    if not stages:
        die("%s: no FROM" % path)
    for kind, value in last["records"]:
        emit(kind, value)
    if last["entry"] is not None:
        emit("entrypoint", last["entry"] + (last["cmd"] or []))


def walk_yaml(node, path):
    if isinstance(node, dict):
        for key in ("initContainers", "containers"):
            for c in node.get(key) or []:
                argv = list(c.get("command") or []) + list(c.get("args") or [])
                if argv:
                    emit("exec", argv)
        for step in node.get("steps") or []:
            if isinstance(step, dict) and isinstance(step.get("run"), str):
                for cmd in simple_commands(step["run"]):
                    emit("shell", cmd)
        for key in ("before_script", "script", "after_script"):
            lines = node.get(key)
            if isinstance(lines, str):
                lines = [lines]
            if isinstance(lines, list) and all(isinstance(l, str) for l in lines):
                for line in lines:
                    for cmd in simple_commands(line):
                        emit("shell", cmd)
        for key, value in node.items():
            if key not in ("steps", "containers", "initContainers"):
                walk_yaml(value, path)
    elif isinstance(node, list):
        for item in node:
            walk_yaml(item, path)


def yaml_file(path):
    try:
        import yaml
    except ImportError:
        sys.stderr.write("commands.py: no python3 yaml module (Debian python3-yaml)\n")
        sys.exit(77)
    try:
        docs = [d for d in yaml.safe_load_all(open(path)) if d is not None]
    except yaml.YAMLError as e:
        die("%s: %s" % (path, e))
    if not docs:
        die("%s: empty" % path)
    for doc in docs:
        walk_yaml(doc, path)


def toml_file(path):
    try:
        import tomllib
    except ImportError:
        sys.stderr.write("commands.py: no tomllib (python 3.11+)\n")
        sys.exit(77)
    try:
        data = tomllib.load(open(path, "rb"))
    except tomllib.TOMLDecodeError as e:
        die("%s: %s" % (path, e))

    def walk(node):
        for key, value in node.items():
            if isinstance(value, dict):
                walk(value)
            elif isinstance(value, str):
                emit("toml", "%s=%s" % (key, value))
    walk(data)


def main():
    if len(sys.argv) != 2:
        die("usage: commands.py FILE")
    path = sys.argv[1]
    base = os.path.basename(path)
    if base.startswith("Dockerfile"):
        dockerfile(path)
    elif base.endswith((".yaml", ".yml")):
        yaml_file(path)
    elif base.endswith(".toml"):
        toml_file(path)
    elif base.endswith(".sh"):
        for cmd in simple_commands(open(path).read()):
            emit("shell", cmd)
    else:
        die("%s: not an example kind this script knows" % path)


main()
