#!/usr/bin/env python3
# test-metainfo.py — the built metainfo passes `appstreamcli validate
# --pedantic` with no issue but the known one, and says what is true of
# the project: its screenshots are the files in screenshots/ (sizes
# included), it provides both programs, its newest release is the
# project's version, it launches the desktop file meson builds. TAP.
#
# Usage: test-metainfo.py METAINFO SOURCE_ROOT PROJECT_VERSION DESKTOP_FILE

import os
import re
import shutil
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import ok, plan, skip  # noqa: E402  (beside this script)
import xml.etree.ElementTree as ET

# Issues appstreamcli may report, and why each stays.
ALLOWED_ISSUES = {
    # The app ID is org.example.PhoneAdmin everywhere (D-Bus, GSettings,
    # Flatpak); GNOME's own IDs have capitals too. Pedantic only.
    "cid-contains-uppercase-letter",
}



def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    metainfo, root, version, desktop = sys.argv[1:5]

    appstreamcli = shutil.which("appstreamcli")
    if appstreamcli:
        text = subprocess.run([appstreamcli, "validate", "--pedantic", "--strict", "--no-net",
                               "--explain", metainfo], capture_output=True, text=True)
        ok(text.returncode == 0, "appstreamcli validate --pedantic --strict --no-net passes",
           (text.stdout + text.stderr).splitlines())
        report = subprocess.run([appstreamcli, "validate", "--pedantic", "--no-net",
                                 "--format=yaml", metainfo], capture_output=True, text=True)
        tags = re.findall(r"^- tag: (\S+)", report.stdout, re.MULTILINE)
        unexpected = [t for t in tags if t not in ALLOWED_ISSUES]
        ok(tags == [] or not unexpected,
           f"no issue but the known ones ({', '.join(sorted(ALLOWED_ISSUES))})",
           report.stdout.splitlines())
    else:
        skip("appstreamcli is not installed")
        skip("appstreamcli is not installed")

    component = ET.parse(metainfo).getroot()

    launchable = component.findtext("launchable[@type='desktop-id']")
    ok(launchable == os.path.basename(desktop),
       f"it launches {os.path.basename(desktop)}", [f"got {launchable}"])

    exec_line = ""
    with open(desktop, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Exec="):
                exec_line = line[len("Exec="):].split()[0]
                break
    binaries = {b.text for b in component.findall("provides/binary")}
    ok(binaries == {"phoneadmin", "phoneadmin-provd"},
       "it provides both programs", [f"got {sorted(binaries)}"])
    ok(exec_line in binaries, f"the desktop file's Exec ({exec_line}) is a provided binary")

    developer = (component.findtext("developer/name") or component.findtext("developer_name"))
    ok(bool(developer and developer.strip()), "it names the developer")

    urls = {u.get("type"): u.text for u in component.findall("url")}
    for kind in ("homepage", "bugtracker", "vcs-browser"):
        ok(bool(urls.get(kind, "").startswith("https://")), f"it has a {kind} URL")
    ok(component.find("content_rating[@type='oars-1.1']") is not None, "it has an OARS 1.1 rating")

    releases = component.findall("releases/release")
    ok(bool(releases) and releases[0].get("version") == version,
       f"the newest release is the project's version ({version})",
       [f"got {releases[0].get('version') if releases else None}"])
    ok(bool(releases) and releases[0].find("description") is not None,
       "the newest release says what is in it")

    # Screenshots: the files in screenshots/, by the repository's raw URL.
    base = (urls.get("homepage") or "").rstrip("/") + "/raw/main/screenshots/"
    shots = component.findall("screenshots/screenshot")
    ok(len(shots) >= 3, f"it shows several screenshots ({len(shots)})")
    ok(sum(1 for s in shots if s.get("type") == "default") == 1, "exactly one is the default")
    for shot in shots:
        image = shot.find("image")
        url = image.text.strip() if image is not None and image.text else ""
        name = url[len(base):] if url.startswith(base) else url
        path = os.path.join(root, "screenshots", name)
        ok(url.startswith(base) and os.path.isfile(path),
           f"screenshot {name} is a file in screenshots/, at {base}")
        ok(bool((shot.findtext("caption") or "").strip()), f"screenshot {name} has a caption")
        size = png_size(path) if os.path.isfile(path) else None
        said = (image.get("width"), image.get("height")) if image is not None else (None, None)
        ok(size is not None and said == (str(size[0]), str(size[1])),
           f"screenshot {name} is as large as it says ({said[0]}×{said[1]})",
           [f"the file is {size[0]}×{size[1]}" if size else "not a PNG"])

    return plan()


if __name__ == "__main__":
    sys.exit(main())
