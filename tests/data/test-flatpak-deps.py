#!/usr/bin/env python3
# test-flatpak-deps.py — the Flatpak manifest builds in principle: every
# dependency('…') that meson looks up is either in the runtime the manifest
# names or installed by one of the manifest's own modules, each module's
# sources are pinned, the app's own module comes last, and every
# finish-arg is explained in docs/flatpak.md. TAP.
#
# Usage: test-flatpak-deps.py SOURCE_ROOT [MANIFEST]
#
# No network and no runtime are needed; when flatpak-builder is installed
# it also loads the manifest (an unknown key there is a warning, and a
# warning fails the test).

import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import ok, plan, skip  # noqa: E402  (beside this script)
import tempfile

APP_ID = "org.example.PhoneAdmin"
RUNTIME = "org.gnome.Platform"
RUNTIME_VERSION = "47"

# The pkg-config names org.gnome.Platform//47 (its Sdk) provides, of those
# this project could look up. Source: gnome-build-meta's
# elements/sdk-platform.bst, the stack the GNOME runtime is built from:
# glib, gtk, libadwaita, json-glib, libsecret and libsoup (3.x since
# GNOME 42) are GNOME's own elements; libxml2 and sqlite come in through
# freedesktop-sdk's platform.bst (24.08 for GNOME 47). When runtime-version
# changes, check this list again and change RUNTIME_VERSION with it.
RUNTIME_PKGCONFIG = {
    "glib-2.0", "gio-2.0", "gio-unix-2.0", "gobject-2.0", "gmodule-2.0", "gthread-2.0",
    "gtk4", "libadwaita-1",
    "epoxy",  # GTK's OpenGL loader; the freedesktop SDK under GNOME's builds it (1.5.10)
    "json-glib-1.0",
    "libsecret-1",
    "libsoup-3.0",
    "libxml-2.0",
    "sqlite3",
}

# What each module of the manifest (but the app's own) installs for
# pkg-config. A flatpak manifest holds no comments or extra keys, so the
# mapping lives here; a module missing from it fails the test.
MODULE_PKGCONFIG = {
    "zbar": {"zbar"},
    "sofia-sip": {"sofia-sip-ua-glib", "sofia-sip-ua"},
    # libcsv installs no pkg-config file: meson finds it with
    # cc.find_library() (top-level meson.build), not dependency().
    "libcsv": set(),
}

# Optional look-ups (required: false) whose absence is fine in the
# sandbox, and why. Any other optional dependency still has to be found.
OPTIONAL_ABSENT_OK = {
    # Only names the folder for the systemd unit, which meson then puts
    # under the prefix; a unit inside /app is never used by the host.
    "systemd",
}

# meson's own names that the toolchain answers, not pkg-config.
MESON_BUILTIN = {"threads", "dl", "intl", "iconv"}

# Permissions a GTK app that talks to the network must not need: the
# Secret portal replaces the keyring's bus name, file choosers go
# through the FileChooser portal, and X11 is only a fallback.
FORBIDDEN_FINISH_ARGS = {
    "--talk-name=org.freedesktop.secrets",
    "--socket=x11",
    "--filesystem=home",
    "--filesystem=host",
    "--device=all",
    "--socket=session-bus",
    "--socket=system-bus",
}



def meson_files(root):
    """Every meson.build of the project: not those of build directories
    (they hold meson-private/) nor hidden folders."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(".")
                         and not os.path.isdir(os.path.join(folder, d, "meson-private")))
        if "meson.build" in files:
            yield os.path.join(folder, "meson.build")


def strip_comments(text):
    """meson comments run from # to the end of the line, outside strings."""
    out = []
    quote = None
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            out.append(c)
            if c == "\\" and i + 1 < len(text):
                out.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c == "'":
            quote = c
            out.append(c)
        elif c == "#":
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def call_arguments(text, start):
    """The text between the parenthesis at start and its match."""
    depth = 0
    quote = None
    escaped = False
    for i in range(start, len(text)):
        c = text[i]
        if quote:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == quote:
                quote = None
        elif c == "'":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    raise ValueError("unbalanced parentheses")


# dependency( but not declare_dependency( nor something.dependency(
DEPENDENCY_CALL = re.compile(r"(?<![\w.])dependency\s*\(")
LEADING_NAMES = re.compile(r"\s*((?:'[^']*'\s*,\s*)*'[^']*')")


def dependency_calls(path):
    """(names, required, version constraints, line) for each dependency() call."""
    text = strip_comments(open(path, encoding="utf-8").read())
    for match in DEPENDENCY_CALL.finditer(text):
        args = call_arguments(text, match.end() - 1)
        line = text.count("\n", 0, match.start()) + 1
        names_match = LEADING_NAMES.match(args)
        names = re.findall(r"'([^']*)'", names_match.group(1)) if names_match else []
        # required: false, or a variable (a feature option): optional.
        required_match = re.search(r"\brequired\s*:\s*([^,)]+)", args)
        required = required_match is None or required_match.group(1).strip() == "true"
        versions = []
        version_match = re.search(r"\bversion\s*:\s*(\[[^\]]*\]|'[^']*')", args)
        if version_match:
            versions = re.findall(r"'([^']*)'", version_match.group(1))
        yield names, required, versions, line


def version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text))


def satisfies(version, constraint):
    m = re.match(r"\s*(>=|<=|==|!=|>|<)?\s*(\S+)", constraint)
    op, wanted = m.group(1) or "==", version_tuple(m.group(2))
    have = version_tuple(version)
    return {">=": have >= wanted, "<=": have <= wanted, "==": have == wanted,
            "!=": have != wanted, ">": have > wanted, "<": have < wanted}[op]


def module_version(module):
    """The version in the name of a module's archive (zbar-0.23.93.tar.bz2, or
    a tag's, …/tags/v1.13.18.tar.gz)."""
    for source in module.get("sources", []):
        if isinstance(source, dict) and source.get("type") == "archive":
            m = re.search(r"[-/]v?(\d+(?:\.\d+)+)\.tar", source.get("url", ""))
            if m:
                return m.group(1)
    return None


def main():
    root = sys.argv[1]
    manifest_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, APP_ID + ".json")

    # The manifest loads as JSON and names this app and runtime.
    try:
        manifest = json.load(open(manifest_path, encoding="utf-8"))
    except (OSError, ValueError) as e:
        ok(False, "the manifest is valid JSON", [str(e)])
        return plan()
    ok(True, "the manifest is valid JSON")
    ok(manifest.get("app-id", manifest.get("id")) == APP_ID, f"the manifest's app-id is {APP_ID}")
    ok(manifest.get("runtime") == RUNTIME and manifest.get("runtime-version") == RUNTIME_VERSION,
       f"the runtime is {RUNTIME}//{RUNTIME_VERSION}, the one the list in this test is for",
       [f"got {manifest.get('runtime')}//{manifest.get('runtime-version')}"])
    ok(manifest.get("command") == "phoneadmin", "the command is phoneadmin")

    modules = manifest.get("modules", [])
    ok(all(isinstance(m, dict) for m in modules),
       "every module is inline (so this test sees its sources)")
    modules = [m for m in modules if isinstance(m, dict)]
    last = modules[-1] if modules else {}
    last_sources = last.get("sources", [])
    ok(last.get("name") == "phoneadmin" and last.get("buildsystem") == "meson"
       and len(last_sources) == 1 and last_sources[0].get("type") == "dir"
       and last_sources[0].get("path") == ".",
       "the last module is the app's: meson, built from this folder")

    # Every other module's sources are pinned.
    provided = {}
    for module in modules[:-1]:
        name = module.get("name")
        for source in module.get("sources", []):
            kind = source.get("type")
            if kind in ("archive", "file") and "url" in source:
                pinned = re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None
                ok(pinned and source["url"].startswith("https://"),
                   f"module {name}: {source['url']} is https and pinned by sha256")
            elif kind == "git":
                pinned = re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")) is not None
                ok(pinned, f"module {name}: git {source.get('url')} is pinned by commit")
            elif kind in ("archive", "file", "patch", "dir", "script", "shell"):
                ok("url" not in source, f"module {name}: {kind} source is local")
            else:
                ok(False, f"module {name}: source type {kind} is one this test knows")
        ok(name in MODULE_PKGCONFIG, f"module {name}: this test knows what it installs",
           ["add it to MODULE_PKGCONFIG"])
        for pc in MODULE_PKGCONFIG.get(name, ()):
            provided[pc] = module
    for name in MODULE_PKGCONFIG:
        ok(any(m.get("name") == name for m in modules[:-1]),
           f"MODULE_PKGCONFIG's {name} is a module of the manifest")

    # Every dependency() meson looks up is there in the sandbox.
    calls = 0
    for path in meson_files(root):
        relative = os.path.relpath(path, root)
        for names, required, versions, line in dependency_calls(path):
            calls += 1
            where = f"{relative}:{line}"
            if not names:
                ok(False, f"{where}: dependency() names a literal string",
                   ["this test cannot check a name held in a variable"])
                continue
            label = "/".join(names)
            if any(name in RUNTIME_PKGCONFIG or name in MESON_BUILTIN for name in names):
                ok(True, f"{where}: {label} is in {RUNTIME}//{RUNTIME_VERSION}")
            elif any(name in provided for name in names):
                name = next(name for name in names if name in provided)
                module = provided[name]
                version = module_version(module)
                good = version is not None and all(satisfies(version, c) for c in versions)
                ok(good, f"{where}: {label} is built by module {module.get('name')}"
                         f" ({version}, meson wants {' '.join(versions) or 'any'})")
            elif not required and any(name in OPTIONAL_ABSENT_OK for name in names):
                ok(True, f"{where}: {label} is optional and may be absent in the sandbox")
            else:
                ok(False, f"{where}: {label} is neither in {RUNTIME}//{RUNTIME_VERSION}"
                          " nor built by a module of the manifest",
                   ["add a module for it to the manifest (pinned source, checksum)",
                    "and to MODULE_PKGCONFIG, or to RUNTIME_PKGCONFIG if the runtime has it"])
    ok(calls > 0, f"found dependency() calls in the meson files ({calls})")

    # finish-args: none of the broad ones, each one explained.
    finish_args = manifest.get("finish-args", [])
    bad = sorted(set(finish_args) & FORBIDDEN_FINISH_ARGS)
    ok(not bad, "no finish-arg a portal or a narrower permission replaces", bad)
    docs_path = os.path.join(root, "docs", "flatpak.md")
    try:
        docs = open(docs_path, encoding="utf-8").read()
    except OSError:
        docs = ""
    for arg in finish_args:
        ok(f"`{arg}`" in docs, f"finish-arg {arg} is explained in docs/flatpak.md")

    # flatpak-builder itself accepts the manifest: an unknown key or a
    # misspelt property is only a warning there, so warnings fail.
    builder = shutil.which("flatpak-builder")
    if builder:
        # In a folder of its own: it makes a .flatpak-builder state folder.
        with tempfile.TemporaryDirectory() as scratch:
            result = subprocess.run([builder, "--show-manifest", os.path.abspath(manifest_path)],
                                    capture_output=True, text=True, cwd=scratch)
        ok(result.returncode == 0 and "WARNING" not in result.stderr
           and "CRITICAL" not in result.stderr,
           "flatpak-builder --show-manifest loads it without a warning",
           result.stderr.splitlines()[:10])
    else:
        skip("flatpak-builder is not installed")

    return plan()


if __name__ == "__main__":
    sys.exit(main())
